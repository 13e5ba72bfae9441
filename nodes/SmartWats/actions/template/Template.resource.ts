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
		displayOptions: { show: { resource: ['template'] } },
		default: 'getAll',
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many templates',
				description:
					'List the approved WhatsApp templates (name, language, category; not their variables)',
			},
		],
	},
	...getAll.description,
];
