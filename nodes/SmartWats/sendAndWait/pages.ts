import type { FormField, ResponsePage } from './config';

/** What the contact typed and what was wrong with it, to show the form again after a refused answer. */
export interface AnswerState {
	values?: string[];
	fieldErrors?: string[];
	formError?: string;
}

export function escapeHtml(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

// Phone first: one column, 18px text, buttons at least 52px high across the whole width. No external assets,
// so the page loads fast on a weak connection and reveals nothing to third parties.
const STYLE = `
:root{color-scheme:light dark;--bg:#f3f5f7;--card:#fff;--text:#15191e;--muted:#56606b;--line:#cfd6dd;--accent:#0b7d6e;--on-accent:#fff;--bad:#b3261e}
@media (prefers-color-scheme:dark){:root{--bg:#0e1316;--card:#182024;--text:#e9eef1;--muted:#a5b0b8;--line:#34424b;--accent:#25c28a;--on-accent:#04241a;--bad:#ff8f86}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:18px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%}
main{max-width:34rem;margin:0 auto;padding:1rem .75rem 2rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:16px;padding:1.25rem}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 .75rem}
.message{margin:0 0 1.25rem;white-space:pre-wrap;overflow-wrap:anywhere}
.intro{margin:0 0 .5rem;color:var(--muted);white-space:pre-wrap;overflow-wrap:anywhere}
label{display:block;font-weight:600;margin:1.1rem 0 .4rem}
label .optional{font-weight:400;color:var(--muted)}
input,textarea,select{display:block;width:100%;font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:10px;padding:.7rem .8rem;min-height:3.25rem}
textarea{min-height:9rem;resize:vertical}
input:focus,textarea:focus,select:focus,button:focus{outline:3px solid var(--accent);outline-offset:2px}
.actions{display:flex;flex-direction:column;gap:.75rem;margin-top:1.5rem}
button{font:inherit;font-weight:700;min-height:3.25rem;width:100%;padding:.75rem 1rem;border-radius:12px;border:2px solid var(--accent);cursor:pointer}
.primary{background:var(--accent);color:var(--on-accent)}
.secondary{background:transparent;color:var(--text);border-color:var(--line)}
.problem{color:var(--bad);font-size:1rem;margin:.4rem 0 0}
.done{text-align:center}
.done .mark{display:inline-block;width:3.5rem;height:3.5rem;line-height:3.5rem;border-radius:50%;background:var(--accent);color:var(--on-accent);font-size:2rem;font-weight:700;margin-bottom:.75rem}
.done p{margin:0;color:var(--muted)}
@media (min-width:30rem){main{padding-top:2.5rem}.actions.pair{flex-direction:row-reverse}}
`;

function layout(title: string, content: string): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="card">
${content}
</div>
</main>
</body>
</html>
`;
}

const problem = (text: string | undefined) =>
	text ? `<p class="problem" role="alert">${escapeHtml(text)}</p>` : '';

/**
 * The page behind the link. Opening it never records anything (link previews open it too); only the form's
 * POST, sent when the contact taps a button, does. The form has no action so it posts back to this same signed URL.
 */
export function answerPage(page: ResponsePage, message: string, state: AnswerState = {}): string {
	if (page.responseType === 'approval') {
		const buttons = [
			`<button class="primary" type="submit" name="approved" value="true">${escapeHtml(page.approveLabel)}</button>`,
			page.withDecline
				? `<button class="secondary" type="submit" name="approved" value="false">${escapeHtml(page.declineLabel)}</button>`
				: '',
		].join('\n');
		return layout(
			page.withDecline ? `${page.approveLabel} or ${page.declineLabel}` : page.approveLabel,
			`${message ? `<p class="message">${escapeHtml(message)}</p>` : ''}
<form method="post">
${problem(state.formError)}
<div class="actions${page.withDecline ? ' pair' : ''}">
${buttons}
</div>
</form>`,
		);
	}
	const fields: FormField[] =
		page.responseType === 'freeText'
			? [{ label: 'Your answer', type: 'textarea', placeholder: '', required: true, options: [] }]
			: page.fields;
	const intro = page.description || message;
	return layout(
		page.title || 'Your answer',
		`${page.title ? `<h1>${escapeHtml(page.title)}</h1>` : ''}
${intro ? `<p class="${page.title ? 'intro' : 'message'}">${escapeHtml(intro)}</p>` : ''}
<form method="post">
${problem(state.formError)}
${fields.map((field, index) => fieldHtml(field, index, state)).join('\n')}
<div class="actions">
<button class="primary" type="submit">${escapeHtml(page.submitLabel)}</button>
</div>
</form>`,
	);
}

function fieldHtml(field: FormField, index: number, state: AnswerState): string {
	const id = `field-${index}`;
	const value = state.values?.[index] ?? '';
	const error = state.fieldErrors?.[index];
	const common = `id="${id}" name="${id}"${field.required ? ' required' : ''}${error ? ` aria-invalid="true" aria-describedby="${id}-problem"` : ''}`;
	const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
	let control: string;
	if (field.type === 'textarea') {
		control = `<textarea ${common}${placeholder}>${escapeHtml(value)}</textarea>`;
	} else if (field.type === 'dropdown') {
		const options = [
			`<option value="">${escapeHtml(field.placeholder || 'Choose…')}</option>`,
			...field.options.map(
				(option) => `<option${option === value ? ' selected' : ''}>${escapeHtml(option)}</option>`,
			),
		];
		control = `<select ${common}>${options.join('')}</select>`;
	} else {
		const type =
			field.type === 'number'
				? 'type="number" step="any" inputmode="decimal"'
				: `type="${field.type}"`;
		control = `<input ${type} ${common}${placeholder} value="${escapeHtml(value)}">`;
	}
	const optional = field.required ? '' : ' <span class="optional">(optional)</span>';
	return `<label for="${id}">${escapeHtml(field.label)}${optional}</label>
${control}
${error ? `<p class="problem" id="${id}-problem">${escapeHtml(error)}</p>` : ''}`;
}

export function confirmationPage(page: ResponsePage): string {
	return layout(
		page.confirmationTitle,
		`<div class="done">
<div class="mark" aria-hidden="true">✓</div>
<h1>${escapeHtml(page.confirmationTitle)}</h1>
<p>${escapeHtml(page.confirmationText)}</p>
</div>`,
	);
}

export function unavailablePage(heading: string, text: string): string {
	return layout(
		heading,
		`<div class="done">
<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(text)}</p>
</div>`,
	);
}
