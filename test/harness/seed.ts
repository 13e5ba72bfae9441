/**
 * The simulator's default seed (test/fake-smartwats) by the names the specs use. Everything is read from the seed
 * itself, so a spec and the data it talks about cannot drift apart.
 */
import { defaultSeed } from '../fake-smartwats';

const seed = defaultSeed();

function contactNamed(firstName: string): { phone: string; uid: string } {
	const contact = (seed.contacts ?? []).find((row) => row.first_name === firstName);
	if (!contact?._uid) throw new Error(`The default seed has no contact named ${firstName}`);
	return { phone: contact.wa_id, uid: contact._uid };
}

function uidTitled(rows: Array<{ _uid?: string; title: string }> | undefined, title: string) {
	const uid = rows?.find((row) => row.title === title)?._uid;
	if (!uid) throw new Error(`The default seed has nothing titled ${title}`);
	return uid;
}

/** In the groups VIP and Customers, labelled Hot; AI bot off, reply bot never set (which means on). */
export const JOHAN = contactNamed('Johan');
/** In the group Leads, labelled Cold. */
export const ASHA = contactNamed('Asha');
/** In the group Customers, labelled Replied, assigned to agent@example.com; language hi. */
export const RAVI = contactNamed('Ravi');
/** In the group VIP, opted out of marketing. */
export const PRIYA = contactNamed('Priya');
/** In no group and without labels; the Test Contact that Create Campaign's test message goes to. */
export const KARAN = contactNamed('Karan');

/** A plausible number that no seeded contact has. */
export const UNKNOWN_PHONE = '919700000099';

export const GROUP_UIDS = {
	VIP: uidTitled(seed.groups, 'VIP'),
	Leads: uidTitled(seed.groups, 'Leads'),
	Customers: uidTitled(seed.groups, 'Customers'),
};

export const LABEL_UIDS = {
	Hot: uidTitled(seed.labels, 'Hot'),
	Cold: uidTitled(seed.labels, 'Cold'),
	Replied: uidTitled(seed.labels, 'Replied'),
};

/** The campaign "New year greetings", already sent. */
export const SEEDED_CAMPAIGN_UID = uidTitled(seed.campaigns, 'New year greetings');

/** Where Create Campaign's test message goes (WhatsApp Settings → Test Contact). */
export const TEST_CONTACT_PHONE = seed.testContact ?? '';
