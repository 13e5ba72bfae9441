import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Handles one item; what it returns becomes that item's output (one item, or one per row of a list). */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

/** What an `<op>.operation.ts` module exports. */
export interface Operation {
	description: INodeProperties[];
	execute: OperationExecute;
}

/** A resource's operations by the value of its Operation field. */
export type Operations = Record<string, Operation>;

/** What a `<Resource>.resource.ts` module exports. */
export interface Resource {
	description: INodeProperties[];
	operations: Operations;
}
