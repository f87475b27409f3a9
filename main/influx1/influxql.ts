/**
 * InfluxQL statements for users and privileges, every name and password quoted as the server's
 * parser reads them (INFLUXDB1-USERS.md, "Quoting"): identifiers in double quotes with `\"` and `\\`,
 * string literals in single quotes with `\'` and `\\`. Nothing is ever pasted in unquoted, so a name
 * like `x" WITH ALL PRIVILEGES; --` is just a name.
 */
import type { Influx1Privilege } from '$contract/influx1';

export const ident = (name: string): string => `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
export const literal = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export const statements = {
  showUsers: () => 'SHOW USERS',
  showDatabases: () => 'SHOW DATABASES',
  showGrants: (user: string) => `SHOW GRANTS FOR ${ident(user)}`,
  createUser: (user: string, password: string, admin: boolean) =>
    `CREATE USER ${ident(user)} WITH PASSWORD ${literal(password)}${admin ? ' WITH ALL PRIVILEGES' : ''}`,
  dropUser: (user: string) => `DROP USER ${ident(user)}`,
  setPassword: (user: string, password: string) => `SET PASSWORD FOR ${ident(user)} = ${literal(password)}`,
  grant: (privilege: Influx1Privilege, database: string, user: string) =>
    `GRANT ${privilege} ON ${ident(database)} TO ${ident(user)}`,
  revokeAll: (database: string, user: string) => `REVOKE ALL ON ${ident(database)} FROM ${ident(user)}`,
  grantAdmin: (user: string) => `GRANT ALL PRIVILEGES TO ${ident(user)}`,
  revokeAdmin: (user: string) => `REVOKE ALL PRIVILEGES FROM ${ident(user)}`,
};
