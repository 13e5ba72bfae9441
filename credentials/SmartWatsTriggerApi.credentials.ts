import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The SmartWats Trigger's URL secret. A credential rather than a node parameter because n8n encrypts credentials and
 * leaves them out of exported and shared workflows, while node parameters are stored in the workflow in plain text.
 * SmartWats has no endpoint that could check the secret, so the trigger node tests it (`testedBy`) for what can be
 * checked here: that it can be pasted into the URL as it is.
 */
export class SmartWatsTriggerApi implements ICredentialType {
	name = 'smartWatsTriggerApi';

	displayName = 'SmartWats Trigger API';

	icon: Icon = { light: 'file:../icons/smartwats.svg', dark: 'file:../icons/smartwats.dark.svg' };

	documentationUrl = 'https://github.com/smartwats/n8n-nodes-smartwats#secret';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Any random text you choose, e.g. 24 letters and digits. SmartWats must call the trigger\'s URL with <code>?secret=</code> and this value appended; other calls are answered with 401 and start nothing. Use letters, digits, "-", ".", "_" and "~" so it can be pasted into the URL as it is.',
		},
	];
}
