/** The identifiers and dates calls carry, each written once. */
import { z } from 'zod';
import { isDay } from './review';

/** InfluxDB's IDs: 16 lowercase hex characters. */
export const influxId = z.string().regex(/^[0-9a-f]{16}$/, 'must be a 16-character InfluxDB ID');
/** Token Desk's own IDs (connections, vault entries). */
export const localId = z.string().uuid();
/** A calendar day, YYYY-MM-DD (review and retire-by dates). */
export const day = z.string().refine(isDay, 'a date as YYYY-MM-DD');
