import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../types';
import * as getAll from './getAll.operation';

export const operations = { getAll } satisfies Operations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['label'] } },
		default: 'getAll',
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many labels',
				description: 'List contact labels (tags), newest first',
			},
		],
	},
	...getAll.description,
];
