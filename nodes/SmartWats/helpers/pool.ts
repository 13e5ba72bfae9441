/**
 * Calls `task` for the indexes 0 to `count` − 1, starting them in that order with at most `concurrency` running at
 * once. After a task calls `stop()` no further index is started; the tasks already running finish, and only then
 * does the returned promise settle. A task that throws stops the pool the same way, and its error is rethrown.
 */
export async function runPool(
	count: number,
	concurrency: number,
	task: (index: number, stop: () => void) => Promise<void>,
): Promise<void> {
	let next = 0;
	let stopped = false;
	const stop = () => {
		stopped = true;
	};
	const worker = async () => {
		while (!stopped && next < count) {
			const index = next++;
			let finished = false;
			try {
				await task(index, stop);
				finished = true;
			} finally {
				if (!finished) stop();
			}
		}
	};
	const workers = Array.from({ length: Math.min(concurrency, count) }, worker);
	const rejected = (await Promise.allSettled(workers)).find(
		(result): result is PromiseRejectedResult => result.status === 'rejected',
	);
	if (rejected) throw rejected.reason;
}
