import { membershipOperation } from './membership';

export const { description, execute } = membershipOperation({
	operation: 'addLabels',
	endpoint: 'assign-labels',
	kind: 'label',
	adding: true,
});
