/**
 * The words InfluxDB and Token Desk use that a person may not know yet, each explained once: the
 * Settings screen lists them all, and a "?" beside a word where it appears opens its entry.
 */
export const glossary = {
  operator: {
    term: 'Operator token',
    text:
      'An InfluxDB OSS 2.x token with every permission in every organization, including making other ' +
      'operator tokens and users. The setup token is one. Keep at least one, or only influxd recovery ' +
      'can make another.',
  },
  'all-access': {
    term: 'All-access token',
    text:
      'Every permission in one organization. It can manage that organization’s tokens and buckets, but ' +
      'cannot make operator tokens or users: a connection that should manage users needs an operator token.',
  },
  'service-user': {
    term: 'Service user',
    text:
      'An InfluxDB user made for a program rather than a person (telegraf, grafana). A token lives only as ' +
      'long as its owner: owned by a service user, it outlives a colleague’s account.',
  },
  'v1-credential': {
    term: 'v1 credential',
    text:
      'A username and password on InfluxDB 2.x for clients that speak InfluxDB 1.x (InfluxQL, Grafana’s ' +
      'InfluxQL data source, old Telegraf). It reaches buckets through DBRP mappings.',
  },
  dbrp: {
    term: 'DBRP mapping',
    text:
      'A database and retention policy name, as 1.x clients ask for them, mapped to a 2.x bucket. ' +
      'Without one, a 1.x client cannot find the bucket.',
  },
  'admin-token': {
    term: 'Admin token (InfluxDB 3)',
    text:
      'An InfluxDB 3 token with every permission. _admin is the operator token among them: it can be ' +
      'regenerated but never deleted.',
  },
  'resource-token': {
    term: 'Resource token (InfluxDB 3 Enterprise)',
    text:
      'A token limited to chosen databases (read and/or write) or to system resources (health, metrics, ' +
      'ping): what a program needs and no more.',
  },
  'review-date': {
    term: 'Review date',
    text:
      'A day Token Desk reminds you to look at a credential that never expires: still used, still needed, ' +
      'still owned by the right user? Nothing is deactivated on that day.',
  },
} as const;

export type GlossaryId = keyof typeof glossary;
