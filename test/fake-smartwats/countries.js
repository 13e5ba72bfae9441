// @ts-check
'use strict';
/**
 * The slice of WhatsJet's countries table the simulator knows. Contacts store `countries__id`, never the name.
 * Ids follow the common 246-row countries table WhatsJet ships (India = 99, as in the reference's example); the
 * others are illustrative.
 */
const COUNTRIES = [
	{ _id: 13, name: 'Australia', iso_code: 'AU', phone_code: '61' },
	{ _id: 30, name: 'Brazil', iso_code: 'BR', phone_code: '55' },
	{ _id: 38, name: 'Canada', iso_code: 'CA', phone_code: '1' },
	{ _id: 75, name: 'France', iso_code: 'FR', phone_code: '33' },
	{ _id: 81, name: 'Germany', iso_code: 'DE', phone_code: '49' },
	{ _id: 99, name: 'India', iso_code: 'IN', phone_code: '91' },
	{ _id: 100, name: 'Indonesia', iso_code: 'ID', phone_code: '62' },
	{ _id: 138, name: 'Mexico', iso_code: 'MX', phone_code: '52' },
	{ _id: 191, name: 'Saudi Arabia', iso_code: 'SA', phone_code: '966' },
	{ _id: 205, name: 'Spain', iso_code: 'ES', phone_code: '34' },
	{ _id: 224, name: 'United Arab Emirates', iso_code: 'AE', phone_code: '971' },
	{ _id: 225, name: 'United Kingdom', iso_code: 'GB', phone_code: '44' },
	{ _id: 226, name: 'United States', iso_code: 'US', phone_code: '1' },
];

/**
 * Create Contact / auto-create: the exact name, case-insensitively ("IN" does not match).
 * @param {unknown} name
 * @returns {number | null}
 */
function countryIdByName(name) {
	if (name === null || name === undefined) return null;
	const wanted = String(name).toLowerCase();
	return COUNTRIES.find((country) => country.name.toLowerCase() === wanted)?._id ?? null;
}

/**
 * Update Contact is looser: name, ISO code or phone code ("India", "IN", "91").
 * @param {unknown} value
 * @returns {number | null}
 */
function countryIdLoose(value) {
	if (value === null || value === undefined) return null;
	const wanted = String(value).toLowerCase().replace(/^\+/, '');
	return (
		COUNTRIES.find(
			(country) =>
				country.name.toLowerCase() === wanted ||
				country.iso_code.toLowerCase() === wanted ||
				country.phone_code === wanted,
		)?._id ?? null
	);
}

/**
 * @param {number | null} id
 * @returns {string | null}
 */
function countryName(id) {
	return COUNTRIES.find((country) => country._id === id)?.name ?? null;
}

module.exports = { COUNTRIES, countryIdByName, countryIdLoose, countryName };
