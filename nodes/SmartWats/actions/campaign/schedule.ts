import type { IExecuteFunctions } from 'n8n-workflow';
import { DateTime, IANAZone } from 'luxon';

import { invalidInput, readText } from '../../helpers/validation';

/**
 * The only layout SmartWats' campaign scheduler understands: local wall time in the campaign's timezone,
 * with the `T`, without an offset. Anything else passes the API's `date` validation and then fails with
 * "Failed to recognize the datetime" (or, worse, is read as a different time).
 */
export const CAMPAIGN_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm";

// A date, optionally with a time, and no offset: wall time as the user sees it.
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?$/;

const FORMAT_HINT =
	'Pick a date and time, or give it as 2026-12-01T10:30 (read in the campaign timezone), an ISO time with an offset such as 2026-12-01T10:30:00+05:30 or …Z, or a date from an expression such as {{ $now.plus({ days: 1 }) }}.';

export function readTimezone(context: IExecuteFunctions, itemIndex: number, raw: unknown): string {
	const given = readText(context, itemIndex, raw, 'Timezone');
	const zone = given === '' ? context.getTimezone() : given;
	if (!IANAZone.isValidZone(zone)) {
		throw invalidInput(
			context,
			itemIndex,
			`'Timezone' is not a known IANA timezone: "${zone}"`,
			'Use a name such as Asia/Kolkata, Europe/London or America/New_York, or leave it empty to use the workflow timezone.',
		);
	}
	return zone;
}

/**
 * Turns what a dateTime field or an expression gives (picker string, ISO string with or without offset,
 * luxon DateTime, JS Date) into a moment in `zone`, to the minute. A value without an offset is taken as
 * wall time in `zone`; a value with an offset or `Z` (and any DateTime / Date) is an instant, shown in `zone`.
 * Returns undefined when the value is empty.
 */
export function toCampaignTime(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	zone: string,
	field: string,
): DateTime | undefined {
	if (raw === undefined || raw === null) return undefined;
	let moment: DateTime | undefined;
	if (DateTime.isDateTime(raw)) {
		// Possibly from another copy of luxon (n8n's): go through the instant, not the object.
		moment = raw.isValid ? DateTime.fromMillis(raw.toMillis(), { zone }) : undefined;
	} else if (raw instanceof Date) {
		moment = Number.isNaN(raw.getTime()) ? undefined : DateTime.fromJSDate(raw, { zone });
	} else if (typeof raw === 'string') {
		const text = raw.trim();
		if (text === '') return undefined;
		const wall = WALL_TIME.exec(text);
		if (wall) {
			const [, year, month, day, hour = '0', minute = '0'] = wall;
			moment = DateTime.fromObject(
				{ year: +year, month: +month, day: +day, hour: +hour, minute: +minute },
				{ zone },
			);
			// luxon rolls 2026-02-30 over to March; a date that does not exist is a typo, not a wish.
			if (moment.isValid && (moment.day !== +day || moment.month !== +month)) moment = undefined;
		} else {
			const parsed = [
				DateTime.fromISO(text, { setZone: true }),
				DateTime.fromRFC2822(text, { setZone: true }),
			].find((candidate) => candidate.isValid);
			moment = parsed?.setZone(zone);
		}
	}
	if (!moment?.isValid) {
		throw invalidInput(
			context,
			itemIndex,
			`'${field}' is not a date and time: "${describe(raw)}"`,
			FORMAT_HINT,
		);
	}
	// SmartWats schedules to the minute; drop seconds so that what is compared is what is sent.
	return moment.startOf('minute');
}

export function formatCampaignTime(moment: DateTime): string {
	return moment.toFormat(CAMPAIGN_TIME_FORMAT);
}

function describe(raw: unknown): string {
	if (typeof raw === 'string') return raw;
	if (raw instanceof Date) return String(raw);
	if (DateTime.isDateTime(raw)) return raw.toString();
	try {
		return JSON.stringify(raw) ?? String(raw);
	} catch {
		return String(raw);
	}
}
