/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/test/jest.setup.js'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	// Engine tests start HTTP servers and run n8n's executor; give them room on a shared 2-core machine.
	testTimeout: 60000,
	maxWorkers: 2,
};
