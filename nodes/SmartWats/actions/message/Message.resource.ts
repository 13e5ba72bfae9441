import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../types';
import * as getStatus from './getStatus.operation';
import * as sendAndWait from './sendAndWait.operation';
import * as sendCarouselTemplate from './sendCarouselTemplate.operation';
import * as sendInteractive from './sendInteractive.operation';
import * as sendMedia from './sendMedia.operation';
import * as sendTemplate from './sendTemplate.operation';
import * as sendText from './sendText.operation';

export const operations = {
	sendText,
	sendMedia,
	sendTemplate,
	sendCarouselTemplate,
	sendInteractive,
	sendAndWait,
	getStatus,
} satisfies Operations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		default: 'sendText',
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of a message',
				description: 'Whether a sent message was accepted, delivered, read or failed',
			},
			{
				name: 'Send and Wait for Response',
				value: 'sendAndWait',
				action: 'Send message and wait for response',
				description:
					'Send a question with a button and pause the workflow until the contact approves, declines or answers',
			},
			{
				name: 'Send Carousel Template',
				value: 'sendCarouselTemplate',
				action: 'Send a carousel template message',
				description: 'Send an approved template made of scrollable cards',
			},
			{
				name: 'Send Interactive',
				value: 'sendInteractive',
				action: 'Send an interactive message',
				description: 'Send reply buttons, a list or a link button',
			},
			{
				name: 'Send Media',
				value: 'sendMedia',
				action: 'Send a media message',
				description: 'Send an image, video, document or audio file by URL',
			},
			{
				name: 'Send Template',
				value: 'sendTemplate',
				action: 'Send a template message',
				description: 'Send an approved WhatsApp template, also outside the 24-hour window',
			},
			{
				name: 'Send Text',
				value: 'sendText',
				action: 'Send a text message',
				description: 'Send a free text message within the 24-hour window',
			},
		],
	},
	...sendText.description,
	...sendMedia.description,
	...sendTemplate.description,
	...sendCarouselTemplate.description,
	...sendInteractive.description,
	...sendAndWait.description,
	...getStatus.description,
];
