import { runStoreContract } from '../contract.case.js';
import { runMigrationBehaviour } from './migration-behaviour.case.js';
import { runSqlBehaviour } from './sql-behaviour.case.js';
import { throwawayStores } from './test-databases.case.js';

runStoreContract('mysql', () => throwawayStores('mysql'));
runMigrationBehaviour('mysql');
runSqlBehaviour('mysql');
