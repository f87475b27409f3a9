/** The handler table: each contract call mapped to the service that answers it. */
import type { ConnectionService } from '../profiles/connection-service';
import { v1ReviewKey, type ConnectionProfiles } from '../profiles/profiles';
import type { SecretBox } from '../secrets/secret-box';
import type { SettingsService } from '../settings/settings-service';
import type { TokenService } from '../tokens/token-service';
import type { CreatedToken } from '$contract/tokens';
import type { CreatedV3Token } from '$contract/v3-tokens';
import type { V3TokenService } from '../v3/v3-token-service';
import type { Touched } from '../history/history';
import type { UserService } from '../users/user-service';
import type { V1CredentialService } from '../v1/v1-credential-service';
import type { Influx1UserService } from '../influx1/user-service';
import type { ClusterTokenService } from '../cluster/token-service';
import type { AutoLock } from '../vault/auto-lock';
import type { SecretClipboard } from '../vault/clipboard';
import type { Vault } from '../vault/vault';
import type { VaultService } from '../vault/vault-service';
import type { TeamVaults } from '../team/team-vaults';
import { readSystemInfo, type RuntimeFacts } from '../system/system-info';
import type { Handlers } from './dispatch';
import { fleetHandlers, type FleetServices } from './fleet-handlers';
import { teamHistoryHandlers } from './team-history-handlers';
import type { TeamHistory } from '../team-history/team-history';

export interface Services extends FleetServices {
  runtime: RuntimeFacts;
  secretBox: SecretBox;
  settings: SettingsService;
  profiles: ConnectionProfiles;
  connections: ConnectionService;
  tokens: TokenService;
  v1: V1CredentialService;
  influx1: Influx1UserService;
  cluster: ClusterTokenService;
  users: UserService;
  v3: V3TokenService;
  clipboard: SecretClipboard;
  vault: Vault;
  vaultService: VaultService;
  team: TeamVaults;
  autoLock: AutoLock;
  teamHistory: TeamHistory;
  /** Told when the theme changes so the shell can follow it (nativeTheme); a no-op in tests. */
  onThemeChange: (theme: 'system' | 'light' | 'dark') => void;
}

export function createHandlers(services: Services): Handlers {
  const { profiles, connections, tokens, vault, vaultService, v1, v3, users, history, influx1, team, cluster } =
    services;
  // Every call that changes a server is recorded in the history with its outcome.
  const track = history.track.bind(history);
  const made = (r: CreatedToken): Touched => ({ target: r.token.id, description: r.token.description });
  const v3Made = (r: CreatedV3Token): Touched => ({ target: r.token.id, description: r.token.name });
  // A credential deleted from its server: the team's copies of its value are marked retired.
  const deleted = async (connectionId: string, key: string, work: () => Promise<unknown>): Promise<null> => {
    await work();
    await team.retire(connectionId, key);
    return null;
  };
  return {
    ...fleetHandlers(services),
    getSystemInfo: async () => readSystemInfo(services.runtime, services.secretBox),
    getSettings: async () => services.settings.toPublic(),
    setTheme: async ({ theme }) => {
      services.settings.update({ theme });
      services.onThemeChange(theme);
      return services.settings.toPublic();
    },

    listConnections: async () => profiles.list(),
    saveConnection: (draft) => profiles.save(draft),
    checkDraft: (draft) => connections.checkDraft(draft),
    checkConnection: ({ id }) => connections.check(id),
    selectConnection: async ({ id }) => profiles.select(id),
    duplicateConnection: async ({ id }) => profiles.duplicate(id),
    removeConnection: async ({ id }) => {
      services.credentials.forget(id);
      return profiles.remove(id);
    },
    moveConnection: async ({ id, direction }) => profiles.move(id, direction),
    chooseCaFile: () => connections.chooseCaFile(),
    chooseCliConfigFile: () => connections.chooseCliConfigFile(),
    previewCliImport: ({ path }) => connections.previewCliImport(path),
    importCliConfigs: ({ path, names }) => connections.importCli(path, names),
    exportConnections: () => connections.export(),

    listTokens: ({ connectionId, refresh }) => tokens.list(connectionId, refresh),
    getTokenResources: ({ connectionId, orgID }) => tokens.resources(connectionId, orgID),
    getTokenDetail: ({ connectionId, id, orgID }) => tokens.detail(connectionId, id, orgID),
    createToken: (input) =>
      track(
        input.connectionId,
        input.replaces ? 'token.replace' : 'token.create',
        {},
        () => tokens.create(input),
        made,
      ),
    previewReplacement: (input) => tokens.previewReplacement(input),
    cloneToken: ({ connectionId, id, saveToVault }) =>
      track(connectionId, 'token.clone', {}, () => tokens.clone(connectionId, id, saveToVault), made),
    rotateToken: ({ connectionId, id }) =>
      track(connectionId, 'token.rotate', {}, () => tokens.rotate(connectionId, id), made),
    finishRotation: async ({ connectionId, oldId, newId, retire, description }) => {
      await track(
        connectionId,
        retire === 'delete' ? 'token.retire-delete' : 'token.retire-deactivate',
        { target: oldId, description },
        () => tokens.finishRotation(connectionId, oldId, newId, retire),
      );
      if (retire === 'delete') await team.retire(connectionId, oldId);
      return null;
    },
    reissueToken: ({ connectionId, id, userID }) =>
      track(connectionId, 'token.reissue', {}, () => tokens.reissue(connectionId, id, userID), made),
    markSelfToken: async ({ connectionId, id }) => tokens.markSelf(connectionId, id),
    setTokenReview: async ({ connectionId, id, reviewBy }) => profiles.setReview(connectionId, id, reviewBy),
    setTokenReviews: async ({ connectionId, reviews }) =>
      profiles.setReviews(connectionId, Object.fromEntries(reviews.map((r) => [r.id, r.reviewBy]))),
    setReviewPolicy: async ({ connectionId, writeDays, otherDays }) =>
      profiles.setReviewPolicy(connectionId, { writeDays, otherDays }),
    listUsers: ({ connectionId, orgID }) => users.view(connectionId, orgID),
    createServiceUser: (input) =>
      track(
        input.connectionId,
        'user.create-service',
        { description: input.name },
        () => users.createService(input),
        (r) => ({ target: r.user.id }),
      ),
    markServiceUser: async ({ connectionId, userID, service }) => users.mark(connectionId, userID, service),
    setTokenStatus: ({ connectionId, id, status, description }) =>
      track(
        connectionId,
        status === 'active' ? 'token.activate' : 'token.deactivate',
        { target: id, description },
        () => tokens.update(connectionId, id, { status }),
      ),
    setTokenDescription: ({ connectionId, id, description }) =>
      track(connectionId, 'token.describe', { target: id, description }, () =>
        tokens.update(connectionId, id, { description }),
      ),
    deleteToken: ({ connectionId, id, description }) =>
      deleted(connectionId, id, () =>
        track(connectionId, 'token.delete', { target: id, description }, () => tokens.remove(connectionId, id)),
      ),
    listV3Tokens: ({ connectionId }) => v3.list(connectionId),
    createV3Token: (input) =>
      track(input.connectionId, 'v3.create', { description: input.name }, () => v3.create(input), v3Made),
    rotateV3Token: ({ connectionId, id }) =>
      track(connectionId, 'v3.rotate', {}, () => v3.rotate(connectionId, id), v3Made),
    regenerateV3Admin: ({ connectionId }) =>
      track(connectionId, 'v3.regenerate', { description: '_admin' }, () => v3.regenerate(connectionId), v3Made),
    createV3FirstAdmin: ({ connectionId }) =>
      track(connectionId, 'v3.first-admin', { description: '_admin' }, () => v3.createFirstAdmin(connectionId), v3Made),
    deleteV3Token: ({ connectionId, name }) =>
      deleted(connectionId, name, () =>
        track(connectionId, 'v3.delete', { description: name }, () => v3.remove(connectionId, name)),
      ),
    listV1Credentials: ({ connectionId }) => v1.list(connectionId),
    getV1Buckets: ({ connectionId, orgID }) => v1.buckets(connectionId, orgID),
    createV1Credential: (input) =>
      track(
        input.connectionId,
        'v1.create',
        { description: input.username },
        () => v1.create(input),
        (r) => ({ target: r.credential.id }),
      ),
    setV1Password: ({ connectionId, id, password, description }) =>
      track(connectionId, 'v1.password', { target: id, description }, () => v1.setPassword(connectionId, id, password)),
    setV1Review: async ({ connectionId, id, reviewBy }) => profiles.setReview(connectionId, v1ReviewKey(id), reviewBy),
    setV1Reviews: async ({ connectionId, reviews }) =>
      profiles.setReviews(connectionId, Object.fromEntries(reviews.map((r) => [v1ReviewKey(r.id), r.reviewBy]))),
    setV1Status: ({ connectionId, id, status, description }) =>
      track(connectionId, status === 'active' ? 'v1.activate' : 'v1.deactivate', { target: id, description }, () =>
        v1.update(connectionId, id, { status }),
      ),
    setV1Description: ({ connectionId, id, description }) =>
      track(connectionId, 'v1.describe', { target: id, description }, () =>
        v1.update(connectionId, id, { description }),
      ),
    deleteV1Credential: ({ connectionId, id, description }) =>
      deleted(connectionId, id, () =>
        track(connectionId, 'v1.delete', { target: id, description }, () => v1.remove(connectionId, id)),
      ),
    checkV1Credential: ({ connectionId, id, password }) => v1.check(connectionId, id, password),
    copyV1Snippet: async ({ connectionId, id, format, database }) => ({
      clearsAfterSeconds: await v1.copySnippet(connectionId, id, format, database),
    }),
    createDbrpMapping: (input) =>
      track(
        input.connectionId,
        'dbrp.create',
        { description: `${input.database}/${input.retentionPolicy}` },
        () => v1.createMapping(input),
        (m) => ({ target: m.id }),
      ),
    listInflux1Users: ({ connectionId }) => influx1.list(connectionId),
    createInflux1User: (input) =>
      track(input.connectionId, 'influx1.create', { target: input.name, description: input.name }, () =>
        influx1.create(input),
      ),
    createInflux1FirstAdmin: ({ connectionId, name }) =>
      track(connectionId, 'influx1.first-admin', { target: name, description: name }, () =>
        influx1.createFirstAdmin(connectionId, name),
      ),
    setInflux1Password: ({ connectionId, name, password, reviewBy }) =>
      track(connectionId, 'influx1.password', { target: name, description: name }, () =>
        influx1.setPassword(connectionId, name, password, reviewBy),
      ),
    setInflux1Review: async ({ connectionId, name, reviewBy }) => influx1.setReview(connectionId, name, reviewBy),
    setInflux1Grants: ({ connectionId, name, grants }) =>
      track(connectionId, 'influx1.grants', { target: name, description: name }, () =>
        influx1.setGrants(connectionId, name, grants),
      ),
    setInflux1Admin: ({ connectionId, name, admin, confirm }) =>
      track(connectionId, admin ? 'influx1.admin' : 'influx1.unadmin', { target: name, description: name }, () =>
        influx1.setAdmin(connectionId, name, admin, confirm),
      ),
    dropInflux1User: ({ connectionId, name, confirm }) =>
      deleted(connectionId, name, () =>
        track(connectionId, 'influx1.drop', { target: name, description: name }, () =>
          influx1.drop(connectionId, name, confirm),
        ),
      ),
    checkInflux1User: ({ connectionId, name, password }) => influx1.checkUser(connectionId, name, password),
    copyInflux1Snippet: async ({ connectionId, name, format, database }) => ({
      clearsAfterSeconds: await influx1.copySnippet(connectionId, name, format, database ?? ''),
    }),
    listClusterTokens: ({ connectionId }) => cluster.list(connectionId),
    createClusterToken: ({ connectionId, description, permissions, expiresAt, saveToVault }) =>
      track(
        connectionId,
        'cluster.create',
        { description },
        () => cluster.create({ connectionId, description, permissions, expiresAt, saveToVault }),
        (r) => ({ target: r.token.id }),
      ),
    updateClusterToken: ({ connectionId, id, description, permissions }) =>
      track(connectionId, 'cluster.update', { target: id, ...(description ? { description } : {}) }, () =>
        cluster.update(connectionId, id, {
          ...(description !== undefined ? { description } : {}),
          ...(permissions !== undefined ? { permissions } : {}),
        }),
      ),
    rotateClusterToken: ({ connectionId, id }) =>
      track(
        connectionId,
        'cluster.rotate',
        { target: id },
        () => cluster.rotate(connectionId, id),
        (r) => ({
          target: r.token.id,
          description: r.token.description,
        }),
      ),
    revokeClusterToken: ({ connectionId, id, description }) =>
      deleted(connectionId, id, () =>
        track(connectionId, 'cluster.revoke', { target: id, ...(description ? { description } : {}) }, () =>
          cluster.revoke(connectionId, id),
        ),
      ),
    probeClusterToken: ({ connectionId, entryId }) => cluster.probe(connectionId, entryId),
    setClusterTokenReview: async ({ connectionId, id, reviewBy }) => profiles.setReview(connectionId, id, reviewBy),
    copyText: async ({ text, secret }) => ({ clearsAfterSeconds: await services.clipboard.copy(text, secret) }),
    setPreferences: async (change) => {
      services.settings.update(Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)));
      return services.settings.toPublic();
    },

    getVaultStatus: async () => ({
      health: await vault.status(),
      protection: await vault.protection(),
      osKeyStore: await services.secretBox.status(),
    }),
    listVault: () => vault.list(),
    revealVaultValue: async ({ id }) => ({ value: await vault.reveal(id) }),
    copyVaultValue: async ({ id }) => ({
      clearsAfterSeconds: await services.clipboard.copy(await vault.reveal(id), true),
    }),
    updateVaultEntry: ({ id, ...change }) => vault.update(id, change),
    deleteVaultEntry: async ({ id }) => {
      await vault.remove(id);
      return null;
    },
    recoverVault: ({ choice }) => vault.recover(choice),
    setVaultPassphrase: ({ passphrase, alsoOsKeyStore }) => vault.setPassphrase(passphrase, alsoOsKeyStore),
    unlockVault: ({ passphrase }) => vault.unlock(passphrase),
    lockVault: async () => {
      services.autoLock.lockNow();
      return vault.protection();
    },
    reconcileVault: ({ connectionId }) => vaultService.reconcile(connectionId),
    captureValues: ({ connectionId }) => vaultService.capture(connectionId),
    importTokenValue: ({ connectionId, value, authorizationId }) =>
      vaultService.importValue(connectionId, value, authorizationId),
    exportVault: ({ passphrase }) => vaultService.exportTo(passphrase),
    importVault: ({ passphrase }) => vaultService.importFrom(passphrase),
    listTeamDestinations: async () => team.list(),
    saveTeamDestination: (draft) => team.save(draft),
    removeTeamDestination: async ({ id }) => team.remove(id),
    sendToTeam: ({ entryId, destinationId, password }) => team.send(entryId, destinationId, password),
    deleteTeamCopy: ({ entryId, destinationId, password }) => team.removeCopy(entryId, destinationId, password),
    listHistory: () => history.list(),
    ...teamHistoryHandlers(services),
  };
}
