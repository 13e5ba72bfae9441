/**
 * The simulator's default seed by the names the engine specs use: a thin view of the simulator's own `seeded`
 * (test/fake-smartwats/seed.js), so a spec and the data it talks about cannot drift apart.
 */
import { seeded } from '../fake-smartwats';

const { contacts, groups, labels } = seeded;
const numberAndUid = ({ phone, uid }: { phone: string; uid: string }) => ({ phone, uid });

/** In the groups VIP and Customers, labelled Hot; AI bot off, reply bot never set (which means on). */
export const JOHAN = numberAndUid(contacts.johan);
/** In the group Leads, labelled Cold. */
export const ASHA = numberAndUid(contacts.asha);
/** In the group Customers, labelled Replied, assigned to agent@example.com; language hi. */
export const RAVI = numberAndUid(contacts.ravi);
/** In the group VIP, opted out of marketing. */
export const PRIYA = numberAndUid(contacts.priya);
/** In no group and without labels; the Test Contact that Create Campaign's test message goes to. */
export const KARAN = numberAndUid(contacts.karan);

/** A plausible number that no seeded contact has. */
export const UNKNOWN_PHONE = '919700000099';

export const GROUP_UIDS = {
	VIP: groups.vip.uid,
	Leads: groups.leads.uid,
	Customers: groups.customers.uid,
};

export const LABEL_UIDS = {
	Hot: labels.hot.uid,
	Cold: labels.cold.uid,
	Replied: labels.replied.uid,
};

/** The campaign "New year greetings", already sent. */
export const SEEDED_CAMPAIGN_UID = seeded.campaigns.newYear.uid;

/** Where Create Campaign's test message goes (WhatsApp Settings → Test Contact). */
export const TEST_CONTACT_PHONE = seeded.testContact.phone;
