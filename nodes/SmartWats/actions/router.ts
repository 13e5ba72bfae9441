import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readRequestOptions } from '../transport/settings';
import { operationsByResource } from './resources';

/**
 * Runs the chosen operation once per input item. Every input item yields output paired to it, in input order:
 * its result, or with "Continue On Fail" an error item naming the item; without it the first failure stops the run.
 * Up to "Parallel Requests" items are in flight at once (default one, i.e. strictly in order).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operationsByResource[resource]?.[operation]?.execute;
	if (!run) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const parallel = Math.max(1, Math.floor(Number(readRequestOptions(this).parallelRequests ?? 1)));
	const continueOnFail = this.continueOnFail();

	const outputs: INodeExecutionData[][] = new Array(items.length);
	const stop: { at?: { itemIndex: number; error: NodeApiError | NodeOperationError } } = {};
	// With parallel requests several items can fail; the run reports the first of them in input order.
	const stopWith = (itemIndex: number, error: NodeApiError | NodeOperationError) => {
		if (!stop.at || itemIndex < stop.at.itemIndex) stop.at = { itemIndex, error };
	};
	let nextItem = 0;

	const worker = async () => {
		for (let itemIndex = nextItem++; itemIndex < items.length && !stop.at; itemIndex = nextItem++) {
			try {
				const result = await run.call(this, itemIndex);
				outputs[itemIndex] = this.helpers.constructExecutionMetaData(
					this.helpers.returnJsonArray(result),
					{
						itemData: { item: itemIndex },
					},
				);
			} catch (error) {
				const failure = asNodeError(this, error, itemIndex);
				if (!continueOnFail) {
					stopWith(itemIndex, failure);
					return;
				}
				outputs[itemIndex] = [
					{
						json: {
							error: failure.message,
							description: failure.description ?? undefined,
							itemIndex,
						},
						pairedItem: { item: itemIndex },
					},
				];
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));

	if (stop.at) throw stop.at.error;
	return [outputs.flat()];
}

function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
