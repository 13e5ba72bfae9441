import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runPool } from '../helpers/pool';
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
	const execute = operationsByResource[resource]?.[operation]?.execute;
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const parallel = Math.max(1, Math.floor(Number(readRequestOptions(this).parallelRequests ?? 1)));
	const continueOnFail = this.continueOnFail();

	const outputs: INodeExecutionData[][] = new Array(items.length);
	let failure: { itemIndex: number; error: NodeApiError | NodeOperationError } | undefined;

	await runPool(items.length, parallel, async (itemIndex, stop) => {
		try {
			const result = await execute.call(this, itemIndex);
			outputs[itemIndex] = this.helpers.constructExecutionMetaData(
				this.helpers.returnJsonArray(result),
				{ itemData: { item: itemIndex } },
			);
		} catch (caught) {
			const error = asNodeError(this, caught, itemIndex);
			if (continueOnFail) {
				outputs[itemIndex] = [
					{
						json: { error: error.message, description: error.description ?? undefined, itemIndex },
						pairedItem: { item: itemIndex },
					},
				];
				return;
			}
			// With parallel requests several items can fail; the run reports the first of them in input order.
			if (!failure || itemIndex < failure.itemIndex) failure = { itemIndex, error };
			stop();
		}
	});

	if (failure) throw failure.error;
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
