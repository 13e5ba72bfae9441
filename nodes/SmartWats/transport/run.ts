import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SmartWatsContext } from './settings';

/** A change SmartWats carried out for an item (or may have: `unknown`), as the run's error reports it. */
export interface Change {
	method: string;
	endpoint: string;
	/** The message's log UID, for a send. */
	logUid?: string;
	/** The request was written but no clear answer came back. */
	unknown?: boolean;
}

/**
 * What one run of the node (one `this`) did to SmartWats, item by item, and whether it has stopped. n8n discards
 * the output of a run that fails, so when the run stops on a failure this record is the only place that says which
 * items were already sent.
 */
export interface RunRecord {
	changes: Map<number, Change[]>;
	/** Set once an item failed without Continue On Fail: no change is sent after that. */
	stoppedBy?: number;
}

const records = new WeakMap<object, RunRecord>();

export function runRecord(context: SmartWatsContext): RunRecord {
	let record = records.get(context);
	if (!record) {
		record = { changes: new Map() };
		records.set(context, record);
	}
	return record;
}

export function recordChange(context: SmartWatsContext, itemIndex: number, change: Change): void {
	const { changes } = runRecord(context);
	changes.set(itemIndex, [...(changes.get(itemIndex) ?? []), change]);
}

/** The log UID in a send's answer (contract §9), if there is one. */
export function logUidOf(data: IDataObject): string | undefined {
	return typeof data.log_uid === 'string' && data.log_uid !== '' ? data.log_uid : undefined;
}

const notSentErrors = new WeakSet<Error>();

/** The failure of an item whose change was held back because another item had failed first. */
export function notSentBecauseStopped(
	context: SmartWatsContext,
	itemIndex: number,
	stoppedBy: number,
): NodeOperationError {
	const error = new NodeOperationError(
		context.getNode(),
		`Not sent: the run stopped because item ${stoppedBy} failed`,
		{
			itemIndex,
			description:
				'Nothing was sent for this item. Fix the failed item and run the workflow again.',
		},
	);
	notSentErrors.add(error);
	return error;
}

export function isNotSentBecauseStopped(error: unknown): boolean {
	return error instanceof Error && notSentErrors.has(error);
}
