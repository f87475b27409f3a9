/** The identifiers calls carry, each written once. */
import { z } from 'zod';

/** InfluxDB's IDs: 16 lowercase hex characters. */
export const influxId = z.string().regex(/^[0-9a-f]{16}$/, 'must be a 16-character InfluxDB ID');
/** Token Desk's own IDs (connections, vault entries). */
export const localId = z.string().uuid();
