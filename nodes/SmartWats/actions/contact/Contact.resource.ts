import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../types';
import * as addLabels from './addLabels.operation';
import * as addToGroups from './addToGroups.operation';
import * as assignTeamMember from './assignTeamMember.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeFromGroups from './removeFromGroups.operation';
import * as removeLabels from './removeLabels.operation';
import * as update from './update.operation';

export const operations = {
	create,
	update,
	get,
	getAll,
	assignTeamMember,
	addToGroups,
	removeFromGroups,
	addLabels,
	removeLabels,
} satisfies Operations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		default: 'create',
		options: [
			{
				name: 'Add Labels',
				value: 'addLabels',
				action: 'Add labels to contacts',
				description: 'Add labels to one or more contacts, keeping the labels they have',
			},
			{
				name: 'Add to Groups',
				value: 'addToGroups',
				action: 'Add contacts to groups',
				description: 'Add one or more contacts to groups, keeping their other groups',
			},
			{
				name: 'Assign Team Member',
				value: 'assignTeamMember',
				action: 'Assign a team member to a contact',
				description: 'Assign a team member to the chat and switch the AI bot and reply bots',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a contact',
				description: 'Create a new contact',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a contact',
				description: 'Get a contact by phone number or email',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contacts',
				description: 'List contacts with their groups and labels',
			},
			{
				name: 'Remove From Groups',
				value: 'removeFromGroups',
				action: 'Remove contacts from groups',
				description: 'Take one or more contacts out of groups',
			},
			{
				name: 'Remove Labels',
				value: 'removeLabels',
				action: 'Remove labels from contacts',
				description: 'Remove labels from one or more contacts',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description: 'Change the details of a contact, keeping its groups unless told otherwise',
			},
		],
	},
	...create.description,
	...update.description,
	...get.description,
	...getAll.description,
	...assignTeamMember.description,
	...addToGroups.description,
	...removeFromGroups.description,
	...addLabels.description,
	...removeLabels.description,
];
