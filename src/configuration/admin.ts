/**
 * The typed admin API (`server.configuration`) over the {@link ConfigurationEditor}.
 */
import type { ApiResourceInput, ApiScopeInput, ClientInput, IdentityResourceInput } from '../config/types.js';
import type { ConfigurationAdmin, ConfigurationEntry, ConfigurationImport, SaveResult } from './admin-types.js';
import type { ConfigurationEditor } from './configuration-editor.js';
import type { ConfigurationSnapshots } from './configuration-snapshots.js';

/**
 * Build the admin API.
 *
 * @example
 * ```ts
 * const admin = createConfigurationAdmin(new ConfigurationEditor(deps), snapshots);
 * await admin.saveApiScope('orders.read');
 * ```
 */
export function createConfigurationAdmin(
  editor: ConfigurationEditor,
  snapshots: ConfigurationSnapshots,
): ConfigurationAdmin {
  const list = <T>(kind: Parameters<ConfigurationEditor['list']>[0]) =>
    editor.list(kind) as Promise<ConfigurationEntry<T>[]>;
  const get = <T>(kind: Parameters<ConfigurationEditor['get']>[0], name: string) =>
    editor.get(kind, name) as Promise<ConfigurationEntry<T> | undefined>;
  const save = async <T>(kind: Parameters<ConfigurationEditor['get']>[0], input: unknown) =>
    (await editor.save([{ kind, input }]))[0] as SaveResult<T>;
  return {
    listClients: () => list<ClientInput>('client'),
    getClient: (id) => get<ClientInput>('client', id),
    saveClient: (input) => save<ClientInput>('client', input),
    removeClient: (id, options) => editor.remove('client', id, options?.keepGrants === true),
    listApiScopes: () => list<ApiScopeInput>('apiScope'),
    getApiScope: (name) => get<ApiScopeInput>('apiScope', name),
    saveApiScope: (input) => save<ApiScopeInput>('apiScope', input),
    removeApiScope: (name) => editor.remove('apiScope', name),
    listApiResources: () => list<ApiResourceInput>('apiResource'),
    getApiResource: (name) => get<ApiResourceInput>('apiResource', name),
    saveApiResource: (input) => save<ApiResourceInput>('apiResource', input),
    removeApiResource: (name) => editor.remove('apiResource', name),
    listIdentityResources: () => list<IdentityResourceInput>('identityResource'),
    getIdentityResource: (name) => get<IdentityResourceInput>('identityResource', name),
    saveIdentityResource: (input) => save<IdentityResourceInput>('identityResource', input),
    removeIdentityResource: (name) => editor.remove('identityResource', name),
    importItems: (items) => editor.save(importList(items)),
    refresh: () => snapshots.refresh(),
    status: () => ({
      enabled: snapshots.enabled,
      version: snapshots.current.version,
      invalid: snapshots.current.problems,
    }),
  };
}

function importList(items: ConfigurationImport) {
  if (typeof items !== 'object' || items === null) return [];
  return [
    ...(items.identityResources ?? []).map((input) => ({ kind: 'identityResource' as const, input })),
    ...(items.apiScopes ?? []).map((input) => ({ kind: 'apiScope' as const, input })),
    ...(items.apiResources ?? []).map((input) => ({ kind: 'apiResource' as const, input })),
    ...(items.clients ?? []).map((input) => ({ kind: 'client' as const, input })),
  ];
}
