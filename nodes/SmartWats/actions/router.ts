import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runPool } from '../helpers/pool';
import { isNotSentBecauseStopped, runRecord, type RunRecord } from '../transport/run';
import { readRequestOptions } from '../transport/settings';
import { operationsByResource } from './resources';

type NodeError = NodeApiError | NodeOperationError;

/**
 * Runs the chosen operation once per input item; up to "Parallel Requests" items are in flight at once (default
 * one, i.e. strictly in order). Every input item is accounted for, in each of n8n's On Error settings:
 * - Continue (regular output): one output item per input item, in input order, a failed one as
 *   `{ error, description, itemIndex }`;
 * - Continue (using error output): successes on the first output, failures on the error output as
 *   `{ error: { message, description, itemIndex, httpCode } }` (n8n adds the input item's fields), all paired;
 * - Stop Workflow: after the first failure no further item starts and no further change is sent; the run fails with
 *   the first failure in input order, naming the item, and says which other items were already carried out.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operationsByResource[resource]?.[operation]?.execute;
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const continueOnFail = this.continueOnFail();
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const record = runRecord(this);

	// A bad Request Option is every item's failure, found before any request.
	let parallel = 1;
	let optionsError: NodeError | undefined;
	try {
		parallel = readRequestOptions(this).parallelRequests;
	} catch (caught) {
		optionsError = asNodeError(this, caught, 0);
	}

	const outputs: INodeExecutionData[][] = new Array(items.length);
	const failures = new Map<number, NodeError>();

	await runPool(items.length, parallel, async (itemIndex, stop) => {
		try {
			if (optionsError) throw optionsError;
			const result = await execute.call(this, itemIndex);
			outputs[itemIndex] = this.helpers.constructExecutionMetaData(
				this.helpers.returnJsonArray(result),
				{ itemData: { item: itemIndex } },
			);
		} catch (caught) {
			const error = asNodeError(this, caught, itemIndex);
			if (continueOnFail) {
				outputs[itemIndex] = [errorItem(error, itemIndex, toErrorOutput)];
				return;
			}
			if (!isNotSentBecauseStopped(error)) failures.set(itemIndex, error);
			record.stoppedBy ??= itemIndex;
			stop();
		}
	});

	if (failures.size > 0) throw stoppedRunError(failures, record);
	return [outputs.flat()];
}

/**
 * An item that failed under Continue On Fail. n8n-core sends an item to the error output only when its JSON has
 * `error` and no other key (n8n 1.x: nothing but `error`, or `error` and `message`; 2.x also allows `details`); an
 * item carrying its own `error` would have its JSON replaced by `{ error: message }`, losing the description. So the
 * error output gets everything inside `error`, the shape of n8n's HTTP Request node, in every n8n version.
 */
function errorItem(
	error: NodeError,
	itemIndex: number,
	toErrorOutput: boolean,
): INodeExecutionData {
	const description = error.description ?? undefined;
	if (!toErrorOutput) {
		return {
			json: { error: error.message, description, itemIndex },
			pairedItem: { item: itemIndex },
		};
	}
	const failure: IDataObject = { message: error.message, description, itemIndex };
	if (error instanceof NodeApiError && error.httpCode) failure.httpCode = error.httpCode;
	return { json: { error: failure }, pairedItem: { item: itemIndex } };
}

/**
 * The run's failure: the first failed item in input order, named in the message as n8n's guidelines ask, and in the
 * description every other item that was already carried out (n8n discards a failed run's output, so this is the
 * only record of them) with the advice that makes a re-run safe.
 */
function stoppedRunError(failures: Map<number, NodeError>, record: RunRecord): NodeError {
	const itemIndex = Math.min(...failures.keys());
	const error = failures.get(itemIndex) as NodeError;
	error.message = `${error.message} [item ${itemIndex}]`;

	const carriedOut: IDataObject[] = [];
	const unclear: number[] = [];
	for (const [index, changes] of [...record.changes].sort(([a], [b]) => a - b)) {
		if (index === itemIndex) continue;
		if (changes.some((change) => change.unknown)) unclear.push(index);
		const done = changes.filter((change) => !change.unknown);
		if (done.length === 0) continue;
		const logUids = done.map((change) => change.logUid).filter((uid) => uid !== undefined);
		carriedOut.push({
			itemIndex: index,
			...(logUids.length
				? { logUid: logUids.join(', ') }
				: { requests: done.map((change) => `${change.method} ${change.endpoint}`).join(', ') }),
		});
	}
	if (carriedOut.length === 0 && unclear.length === 0) return error;

	error.context.alreadyCarriedOut = carriedOut;
	error.context.mayHaveBeenCarriedOut = unclear;
	const shown = carriedOut.slice(0, MAX_LISTED);
	const list = shown
		.map(
			(entry) =>
				`item ${entry.itemIndex} (${entry.logUid !== undefined ? `log_uid ${entry.logUid}` : String(entry.requests)})`,
		)
		.join(', ');
	const more = carriedOut.slice(MAX_LISTED).map((entry) => entry.itemIndex as number);
	const verb = carriedOut.every((entry) => entry.logUid !== undefined) ? 'sent' : 'carried out';
	const parts = [
		carriedOut.length
			? `Other items were already ${verb} before the run stopped: ${list}${more.length ? ` and items ${itemRanges(more)}` : ''}.`
			: '',
		unclear.length
			? `${unclear.length === 1 ? 'Item' : 'Items'} ${itemRanges(unclear)} may have been carried out too (no clear answer came back).`
			: '',
		'n8n does not keep the output of a failed run, so these results appear nowhere else. Before running the workflow again, remove these items from its input (look a message up with Message → Get Status), or set the node\'s On Error setting to "Continue" so that every item\'s result is kept.',
	];
	error.description = [error.description, parts.filter((part) => part !== '').join(' ')]
		.filter((part) => part)
		.join('\n\n');
	return error;
}

/** Items named one by one (with their log UIDs) in the run's failure; the rest as ranges. */
const MAX_LISTED = 100;

/** "items 3–7, 9" for [3, 4, 5, 6, 7, 9]. */
function itemRanges(indexes: number[]): string {
	const ranges: string[] = [];
	for (let start = 0; start < indexes.length; ) {
		let end = start;
		while (end + 1 < indexes.length && indexes[end + 1] === indexes[end] + 1) end++;
		ranges.push(end === start ? String(indexes[start]) : `${indexes[start]}–${indexes[end]}`);
		start = end + 1;
	}
	return ranges.join(', ');
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
