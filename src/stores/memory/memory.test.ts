import { runStoreContract } from '../contract.case.js';
import { createMemoryStores } from './memory-stores.js';

runStoreContract('memory', async () => createMemoryStores());
