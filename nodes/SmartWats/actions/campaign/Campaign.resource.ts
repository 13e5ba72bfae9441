import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../types';
import * as create from './create.operation';
import * as getAll from './getAll.operation';
import * as getStatus from './getStatus.operation';

export const operations = { create, getAll, getStatus } satisfies Operations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a campaign',
				description:
					'Schedule a template campaign to groups or all contacts (sends a test message first)',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many campaigns',
				description: 'List campaigns of every status, most recently updated first',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of a campaign',
				description: 'Delivery counts and progress of a campaign',
			},
		],
	},
	...create.description,
	...getAll.description,
	...getStatus.description,
];
