// @ts-check
'use strict';
/**
 * Dates as Laravel/PHP handle them in the SmartWats API: the serialized timestamp format, the `date` and `after`
 * validation rules (PHP strtotime + checkdate, approximated), the strict campaign datetime format, time zones
 * (through Intl, so no dependency) and Carbon-style durations.
 */

/**
 * Laravel serializes dates as ISO-8601 UTC with microseconds: 2025-01-31T10:15:00.000000Z.
 * @param {Date | string | number} [date]
 */
function laravelTimestamp(date = new Date()) {
	const d = date instanceof Date ? date : new Date(date);
	return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** @type {Record<string, number>} */
const MONTHS = {
	jan: 1,
	january: 1,
	feb: 2,
	february: 2,
	mar: 3,
	march: 3,
	apr: 4,
	april: 4,
	may: 5,
	jun: 6,
	june: 6,
	jul: 7,
	july: 7,
	aug: 8,
	august: 8,
	sep: 9,
	sept: 9,
	september: 9,
	oct: 10,
	october: 10,
	nov: 11,
	november: 11,
	dec: 12,
	december: 12,
};

const TIME = String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?)?`;
const ZONE = String.raw`\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)?`;
const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?`;

/** @typedef {Array<string | undefined>} DateParts [year, month, day, hour, minute, second, zone] as matched */
/**
 * The formats PHP's strtotime understands that people actually send. Each returns [year, month, day, h, m, s, zone].
 * Relative words ("tomorrow") are left out on purpose: date_parse() gives them no year, so Laravel's `date` rejects them.
 * @type {Array<[RegExp, (match: RegExpExecArray) => DateParts]>}
 */
const DATE_PATTERNS = [
	// 2025-10-20, 2025-10-20T10:30, 2025-10-20 10:30:00, 2025-10-20T10:30:00.000+05:30
	[
		new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}${ZONE}$`, 'i'),
		(m) => [m[1], m[2], m[3], m[4], m[5], m[6], m[7]],
	],
	// 2025/10/20 10:30
	[
		new RegExp(String.raw`^(\d{4})\/(\d{1,2})\/(\d{1,2})${TIME}${ZONE}$`, 'i'),
		(m) => [m[1], m[2], m[3], m[4], m[5], m[6], m[7]],
	],
	// 10/20/2025 (American month/day/year, as PHP reads slashes)
	[
		new RegExp(String.raw`^(\d{1,2})\/(\d{1,2})\/(\d{4})${TIME}${ZONE}$`, 'i'),
		(m) => [m[3], m[1], m[2], m[4], m[5], m[6], m[7]],
	],
	// 20-10-2025, 20.10.2025 (day first, as PHP reads dashes and dots)
	[
		new RegExp(String.raw`^(\d{1,2})[-.](\d{1,2})[-.](\d{4})${TIME}${ZONE}$`, 'i'),
		(m) => [m[3], m[2], m[1], m[4], m[5], m[6], m[7]],
	],
	// 20 October 2025 10:30, Mon, 20 Oct 2025
	[
		new RegExp(String.raw`^${WEEKDAY}(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})${TIME}${ZONE}$`, 'i'),
		(m) => [m[3], m[2], m[1], m[4], m[5], m[6], m[7]],
	],
	// October 20, 2025 10:30
	[
		new RegExp(String.raw`^${WEEKDAY}([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}${ZONE}$`, 'i'),
		(m) => [m[3], m[1], m[2], m[4], m[5], m[6], m[7]],
	],
];

/**
 * @param {number} year
 * @param {number} month 1–12
 */
function daysInMonth(year, month) {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A calendar date and time as PHP read it, and its instant.
 * @typedef {{ year: number, month: number, day: number, hour: number, minute: number, second: number,
 *   epoch: number }} PhpDate
 */

/**
 * Parses like PHP's strtotime would, for the formats above; null when PHP would say false or checkdate() fails.
 * @param {unknown} value
 * @returns {PhpDate | null}
 */
function parsePhpDate(value) {
	if (typeof value !== 'string' && typeof value !== 'number') return null;
	const text = String(value).trim();
	for (const [pattern, pick] of DATE_PATTERNS) {
		const match = pattern.exec(text);
		if (!match) continue;
		const [y, mo, d, h, mi, s, zone] = pick(match);
		const year = Number(y);
		const month = /^\d+$/.test(String(mo)) ? Number(mo) : MONTHS[String(mo).toLowerCase()];
		const day = Number(d);
		const hour = h === undefined ? 0 : Number(h);
		const minute = mi === undefined ? 0 : Number(mi);
		const second = s === undefined ? 0 : Number(s);
		if (!month || month > 12 || day < 1 || year < 1 || day > daysInMonth(year, month)) return null;
		if (hour > 23 || minute > 59 || second > 59) return null;
		let epoch;
		try {
			epoch = zonedToEpoch(
				{ year, month, day, hour, minute, second },
				normalizeZone(zone) || 'UTC',
			);
		} catch {
			return null;
		}
		return { year, month, day, hour, minute, second, epoch };
	}
	return null;
}

/**
 * Laravel's `date` rule: strtotime() succeeds and date_parse() yields a real calendar date.
 * @param {unknown} value
 */
function isValidDate(value) {
	return parsePhpDate(value) !== null;
}

/** @param {string | undefined} zone */
function normalizeZone(zone) {
	if (!zone) return null;
	if (/^(Z|UTC|GMT)$/i.test(zone)) return 'UTC';
	return zone;
}

const OFFSET = /^([+-])(\d{1,2}):?(\d{2})?$/;

/**
 * Offset of `timeZone` from UTC at the instant `epochMs`, in ms. Throws RangeError for an unknown zone.
 * @param {number} epochMs
 * @param {string} timeZone
 */
function zoneOffsetMs(epochMs, timeZone) {
	const fixed = OFFSET.exec(timeZone);
	if (fixed)
		return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] || 0)) * 60000;
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(epochMs));
	/** @param {Intl.DateTimeFormatPartTypes} type */
	const get = (type) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * Epoch ms of a wall-clock time in a zone (two passes so DST edges land right).
 * @param {{ year: number, month: number, day: number, hour?: number, minute?: number, second?: number }} wallClock
 * @param {string} timeZone
 */
function zonedToEpoch({ year, month, day, hour = 0, minute = 0, second = 0 }, timeZone) {
	const wall = Date.UTC(year, month - 1, day, hour, minute, second);
	let epoch = wall - zoneOffsetMs(wall, timeZone);
	epoch = wall - zoneOffsetMs(epoch, timeZone);
	return epoch;
}

/**
 * Create Campaign's own parsing: a 16-character value gets ':00' appended, then it must be exactly
 * Y-m-d\TH:i:s (Carbon::createFromFormat) in the given time zone. Returns a Date in UTC or null ("Failed to
 * recognize the datetime"), including for an unknown time zone.
 * @param {unknown} value
 * @param {unknown} timeZone
 * @returns {Date | null}
 */
function parseCampaignDateTime(value, timeZone) {
	let text = String(value);
	if (text.length === 16) text += ':00';
	const match = /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2}):(\d{1,2})$/.exec(text);
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	try {
		const zone = timeZone ? String(timeZone) : 'UTC';
		return new Date(zonedToEpoch({ year, month, day, hour, minute, second }, zone));
	} catch {
		return null;
	}
}

/**
 * Carbon-style "3 minutes 12 seconds".
 * @param {number} ms
 */
function formatDuration(ms) {
	let seconds = Math.max(0, Math.round(Math.abs(ms) / 1000));
	/** @type {Array<[string, number]>} */
	const units = [
		['day', 86400],
		['hour', 3600],
		['minute', 60],
		['second', 1],
	];
	const parts = [];
	for (const [name, size] of units) {
		const count = Math.floor(seconds / size);
		seconds -= count * size;
		if (count) parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
	}
	return parts.length ? parts.join(' ') : '0 seconds';
}

module.exports = {
	laravelTimestamp,
	parsePhpDate,
	isValidDate,
	parseCampaignDateTime,
	zonedToEpoch,
	formatDuration,
};
