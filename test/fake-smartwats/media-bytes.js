// @ts-check
'use strict';
/**
 * Real, small media files generated in code (no binary files in the repository): a baseline JPEG, a PNG, an
 * H.264 MP4, an Ogg/Opus voice note, an MP3, a PDF and a lossless WEBP sticker. Each decodes with the usual tools
 * (ffprobe, dwebp, pdfinfo); the pictures show simple shapes, the sounds are silence. Deterministic: the same bytes
 * every run. Node built-ins only.
 */
const zlib = require('node:zlib');

// ── bits and checksums ──────────────────────────────────────────────────────

/**
 * A bit writer: most significant bit first (JPEG, H.264), or least significant first (VP8L). `stuffFF` writes a
 * 0x00 after every 0xFF byte, as JPEG's entropy-coded data needs.
 */
class BitWriter {
	/** @param {{ lsbFirst?: boolean, stuffFF?: boolean }} [options] */
	constructor({ lsbFirst = false, stuffFF = false } = {}) {
		this.lsbFirst = lsbFirst;
		this.stuffFF = stuffFF;
		/** @type {number[]} */
		this.bytes = [];
		this.current = 0;
		this.count = 0;
	}

	/**
	 * @param {number} value
	 * @param {number} length in bits
	 */
	bits(value, length) {
		for (let index = 0; index < length; index++) {
			const bit = (value >>> (this.lsbFirst ? index : length - 1 - index)) & 1;
			this.current = this.lsbFirst ? this.current | (bit << this.count) : (this.current << 1) | bit;
			if (++this.count === 8) this.flushByte();
		}
	}

	flushByte() {
		this.bytes.push(this.current);
		if (this.stuffFF && this.current === 0xff) this.bytes.push(0);
		this.current = 0;
		this.count = 0;
	}

	/** Pads the last byte with `fill` bits. */
	align(fill = 0) {
		while (this.count !== 0) this.bits(fill, 1);
	}

	/**
	 * H.264 Exp-Golomb codes.
	 * @param {number} value
	 */
	ue(value) {
		const code = value + 1;
		const length = 32 - Math.clz32(code);
		this.bits(0, length - 1);
		this.bits(code, length);
	}

	/** @param {number} value */
	se(value) {
		this.ue(value <= 0 ? -2 * value : 2 * value - 1);
	}
}

/**
 * @param {number} polynomial
 * @param {boolean} reflected
 */
function crcTable(polynomial, reflected) {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = reflected ? n : n << 24;
		for (let k = 0; k < 8; k++)
			c = reflected
				? c & 1
					? (c >>> 1) ^ polynomial
					: c >>> 1
				: c & 0x80000000
					? (c << 1) ^ polynomial
					: c << 1;
		table[n] = c >>> 0;
	}
	return table;
}

const CRC32 = crcTable(0xedb88320, true);
const OGG_CRC = crcTable(0x04c11db7, false);

/** @param {Buffer} buffer */
function crc32(buffer) {
	let c = 0xffffffff;
	for (const byte of buffer) c = CRC32[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** @param {Buffer} buffer */
function oggCrc(buffer) {
	let c = 0;
	for (const byte of buffer) c = ((c << 8) ^ OGG_CRC[((c >>> 24) ^ byte) & 0xff]) >>> 0;
	return c;
}

/** @param {number} value */
const u16be = (value) => Buffer.from([(value >> 8) & 0xff, value & 0xff]);
/** @param {number} value */
const u32be = (value) => {
	const buffer = Buffer.alloc(4);
	buffer.writeUInt32BE(value >>> 0);
	return buffer;
};

/**
 * A small deterministic pseudo-random generator (mulberry32), for texture.
 * @param {number} seed
 * @returns {() => number} in [0, 1)
 */
function random(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// ── pictures ────────────────────────────────────────────────────────────────

/** Writes the colour at (x, y) into `rgb`. @typedef {(x: number, y: number, rgb: number[]) => void} Pixel */

/**
 * The photo a customer sends: a door with a scratch across it, in daylight colours with sensor noise. Writes the
 * pixel at (x, y) into `rgb` (three channels, 0–255), so that large pictures allocate nothing per pixel.
 * @param {number} width
 * @param {number} height
 * @param {() => number} noise
 * @returns {Pixel}
 */
function photoPixel(width, height, noise) {
	const doorLeft = width * 0.3;
	const doorRight = width * 0.7;
	/** @param {number} value */
	const clamp = (value) => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value));
	return (x, y, rgb) => {
		let r;
		let g;
		let b;
		if (x > doorLeft && x < doorRight && y > height * 0.12) {
			// Wood: warm brown with grain, a brass knob, and the scratch as a light diagonal line.
			const grain = 18 * Math.sin(x * 0.35 + Math.sin(y * 0.05) * 3);
			r = 150 + grain;
			g = 96 + grain * 0.7;
			b = 52 + grain * 0.4;
			const [dx, dy] = [x - width * 0.64, y - height * 0.58];
			if (dx * dx + dy * dy < (width * 0.018) ** 2) [r, g, b] = [212, 180, 90];
			const onScratch =
				Math.abs(y - height * 0.35 - (x - doorLeft) * 0.55) < 1.6 && x < doorRight - width * 0.08;
			if (onScratch) [r, g, b] = [236, 214, 190];
		} else {
			// A pale wall, darker towards the floor.
			r = 210 - (y / height) * 60;
			g = r - 6;
			b = r - 18;
		}
		const grainNoise = (noise() - 0.5) * 10;
		rgb[0] = clamp(r + grainNoise);
		rgb[1] = clamp(g + grainNoise);
		rgb[2] = clamp(b + grainNoise);
	};
}

const JPEG_ZIGZAG = [
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
	13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52,
	45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

// The example quantisation tables of the JPEG standard (Annex K), at about quality 75.
const LUMA_QUANT = [
	16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
	14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
	92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
].map((value) => Math.max(1, Math.round(value / 2)));
const CHROMA_QUANT = [
	17,
	18,
	24,
	47,
	99,
	99,
	99,
	99,
	18,
	21,
	26,
	66,
	99,
	99,
	99,
	99,
	24,
	26,
	56,
	99,
	99,
	99,
	99,
	99,
	47,
	66,
	99,
	...Array(37).fill(99),
].map((value) => Math.max(1, Math.round(value / 2)));

/**
 * Canonical Huffman tables with a fixed code length per symbol: valid for every decoder and simple to write.
 * DC: the 12 size categories at 4 bits. AC: EOB, ZRL and every run/size pair at 8 bits.
 * @param {number[]} symbols
 * @param {number} length
 */
function fixedHuffman(symbols, length) {
	const counts = Array(16).fill(0);
	counts[length - 1] = symbols.length;
	const codes = new Map(symbols.map((symbol, index) => [symbol, index]));
	return { counts, symbols, codes, length };
}

/** @typedef {ReturnType<typeof fixedHuffman>} HuffmanTable */
const DC_TABLE = fixedHuffman(
	Array.from({ length: 12 }, (_, index) => index),
	4,
);
const AC_SYMBOLS = [0x00, 0xf0];
for (let run = 0; run < 16; run++)
	for (let size = 1; size <= 10; size++) AC_SYMBOLS.push((run << 4) | size);
const AC_TABLE = fixedHuffman(AC_SYMBOLS, 8);

/** Separable 8×8 forward DCT (type II) as JPEG scales it: cos[u * 8 + x]. */
const DCT_COS = new Float64Array(64);
for (let u = 0; u < 8; u++)
	for (let x = 0; x < 8; x++)
		DCT_COS[u * 8 + x] =
			Math.cos(((2 * x + 1) * u * Math.PI) / 16) * (u === 0 ? Math.SQRT1_2 : 1) * 0.5;

/**
 * Transforms `block` (8×8, row-major) into `out`; `temp` is scratch space.
 * @param {Float64Array} block
 * @param {Float64Array} out
 * @param {Float64Array} temp
 */
function forwardDct(block, out, temp) {
	for (let y = 0; y < 8; y++)
		for (let u = 0; u < 8; u++) {
			let sum = 0;
			for (let x = 0; x < 8; x++) sum += DCT_COS[u * 8 + x] * block[y * 8 + x];
			temp[y * 8 + u] = sum;
		}
	for (let u = 0; u < 8; u++)
		for (let v = 0; v < 8; v++) {
			let sum = 0;
			for (let y = 0; y < 8; y++) sum += DCT_COS[v * 8 + y] * temp[y * 8 + u];
			out[v * 8 + u] = sum;
		}
}

/**
 * JPEG's magnitude category of a coefficient.
 * @param {number} value
 */
const categoryOf = (value) => (value === 0 ? 0 : 32 - Math.clz32(Math.abs(value)));
/**
 * The bits that follow the category.
 * @param {number} value
 * @param {number} size
 */
const categoryBits = (value, size) => (value < 0 ? value + (1 << size) - 1 : value);

/**
 * @param {number} marker
 * @param {Buffer} payload
 */
function jpegSegment(marker, payload) {
	return Buffer.concat([Buffer.from([0xff, marker]), u16be(payload.length + 2), payload]);
}

/**
 * A baseline JPEG (JFIF, YCbCr 4:4:4, 8-bit) of `pixel(x, y, rgb)`.
 * @param {number} width
 * @param {number} height
 * @param {Pixel} pixel
 */
function encodeJpeg(width, height, pixel) {
	const planes = [new Float64Array(width * height), new Float64Array(width * height)];
	planes.push(new Float64Array(width * height));
	const rgb = [0, 0, 0];
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			pixel(x, y, rgb);
			const [r, g, b] = rgb;
			const index = y * width + x;
			planes[0][index] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
			planes[1][index] = -0.168736 * r - 0.331264 * g + 0.5 * b;
			planes[2][index] = 0.5 * r - 0.418688 * g - 0.081312 * b;
		}
	// Entropy-coded data escapes 0xFF with a 0x00.
	const writer = new BitWriter({ stuffFF: true });
	/**
	 * @param {HuffmanTable} table
	 * @param {number} symbol
	 */
	const huffman = (table, symbol) => writer.bits(Number(table.codes.get(symbol)), table.length);
	const previousDc = [0, 0, 0];
	const block = new Float64Array(64);
	const coefficients = new Float64Array(64);
	const scratch = new Float64Array(64);
	const zigzag = new Int32Array(64);
	for (let by = 0; by < height; by += 8)
		for (let bx = 0; bx < width; bx += 8)
			for (let component = 0; component < 3; component++) {
				const plane = planes[component];
				for (let y = 0; y < 8; y++)
					for (let x = 0; x < 8; x++) {
						const sx = Math.min(bx + x, width - 1);
						const sy = Math.min(by + y, height - 1);
						block[y * 8 + x] = plane[sy * width + sx];
					}
				const quant = component === 0 ? LUMA_QUANT : CHROMA_QUANT;
				forwardDct(block, coefficients, scratch);
				for (let index = 0; index < 64; index++) {
					const position = JPEG_ZIGZAG[index];
					zigzag[index] = Math.round(coefficients[position] / quant[position]);
				}
				const dc = zigzag[0] - previousDc[component];
				const dcSize = categoryOf(dc);
				previousDc[component] = zigzag[0];
				huffman(DC_TABLE, dcSize);
				writer.bits(categoryBits(dc, dcSize), dcSize);
				let run = 0;
				for (let index = 1; index < 64; index++) {
					if (zigzag[index] === 0) {
						run++;
						continue;
					}
					while (run > 15) {
						huffman(AC_TABLE, 0xf0);
						run -= 16;
					}
					const acSize = categoryOf(zigzag[index]);
					huffman(AC_TABLE, (run << 4) | acSize);
					writer.bits(categoryBits(zigzag[index], acSize), acSize);
					run = 0;
				}
				if (run > 0) huffman(AC_TABLE, 0x00);
			}
	writer.align(1);

	/**
	 * @param {number} id
	 * @param {number[]} table
	 */
	const quantTable = (id, table) =>
		Buffer.from([id, ...JPEG_ZIGZAG.map((position) => table[position])]);
	/**
	 * @param {number} tableClass
	 * @param {number} id
	 * @param {HuffmanTable} table
	 */
	const huffmanTable = (tableClass, id, table) =>
		Buffer.from([(tableClass << 4) | id, ...table.counts, ...table.symbols]);
	return Buffer.concat([
		Buffer.from([0xff, 0xd8]),
		jpegSegment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 72, 0, 72, 0, 0])),
		jpegSegment(0xdb, Buffer.concat([quantTable(0, LUMA_QUANT), quantTable(1, CHROMA_QUANT)])),
		jpegSegment(
			0xc0,
			Buffer.from([8, ...u16be(height), ...u16be(width), 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]),
		),
		jpegSegment(
			0xc4,
			Buffer.concat([
				huffmanTable(0, 0, DC_TABLE),
				huffmanTable(1, 0, AC_TABLE),
				huffmanTable(0, 1, DC_TABLE),
				huffmanTable(1, 1, AC_TABLE),
			]),
		),
		jpegSegment(0xda, Buffer.from([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0])),
		Buffer.from(writer.bytes),
		Buffer.from([0xff, 0xd9]),
	]);
}

/**
 * @param {string} type
 * @param {Buffer} data
 */
function pngChunk(type, data) {
	const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	return Buffer.concat([u32be(data.length), typed, u32be(crc32(typed))]);
}

/**
 * An 8-bit RGB PNG of `pixel(x, y, rgb)`.
 * @param {number} width
 * @param {number} height
 * @param {Pixel} pixel
 */
function encodePng(width, height, pixel) {
	const raw = Buffer.alloc((width * 3 + 1) * height);
	const rgb = [0, 0, 0];
	for (let y = 0; y < height; y++) {
		const row = y * (width * 3 + 1);
		raw[row] = 0; // filter: none
		for (let x = 0; x < width; x++) {
			pixel(x, y, rgb);
			raw.set(rgb, row + 1 + x * 3);
		}
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 2, 0, 0, 0])])),
		pngChunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

/**
 * A lossless WEBP (VP8L) in two colours: `inside(x, y)` pixels are `color` ([r, g, b], opaque), the rest fully
 * transparent. Each channel is a "simple" prefix code of one or two symbols, so a pixel costs at most one bit per
 * channel that differs.
 * @param {number} width
 * @param {number} height
 * @param {[number, number, number]} color
 * @param {(x: number, y: number) => boolean} inside
 */
function encodeWebpTwoColour(width, height, color, inside) {
	const writer = new BitWriter({ lsbFirst: true });
	writer.bits(0x2f, 8);
	writer.bits(width - 1, 14);
	writer.bits(height - 1, 14);
	writer.bits(1, 1); // alpha is used
	writer.bits(0, 3); // version
	writer.bits(0, 1); // no transform
	writer.bits(0, 1); // no colour cache
	writer.bits(0, 1); // no meta prefix codes
	const [red, green, blue] = color;
	// Order of the five codes: green, red, blue, alpha, distance.
	const channels = [green, red, blue, 255];
	/** @param {number[]} symbols */
	const simpleCode = (symbols) => {
		writer.bits(1, 1); // simple code
		writer.bits(symbols.length - 1, 1);
		writer.bits(1, 1); // the first symbol takes 8 bits
		for (const symbol of symbols) writer.bits(symbol, 8);
	};
	for (const value of channels) simpleCode(value === 0 ? [0] : [0, value]);
	simpleCode([0]); // distance, never used
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			const on = inside(x, y) ? 1 : 0;
			// A channel whose two symbols are 0 and its value: the bit picks one (the smaller symbol has code 0).
			for (const value of channels) if (value !== 0) writer.bits(on, 1);
		}
	writer.align(0);
	const data = Buffer.from(writer.bytes);
	const chunk = Buffer.concat([
		Buffer.from('VP8L', 'ascii'),
		Buffer.from(Uint32Array.of(data.length).buffer),
		data,
		data.length % 2 ? Buffer.from([0]) : Buffer.alloc(0),
	]);
	return Buffer.concat([
		Buffer.from('RIFF', 'ascii'),
		Buffer.from(Uint32Array.of(chunk.length + 4).buffer),
		Buffer.from('WEBP', 'ascii'),
		chunk,
	]);
}

/**
 * A sticker: a badge with a tick cut out of it.
 * @param {number} size
 * @returns {(x: number, y: number) => boolean}
 */
function stickerShape(size) {
	const centre = size / 2;
	const radius = size * 0.46;
	/** @typedef {[number, number]} Point */
	/**
	 * @param {number} x
	 * @param {number} y
	 * @param {Point} from
	 * @param {Point} to
	 */
	const distanceToSegment = (x, y, [ax, ay], [bx, by]) => {
		const t = Math.max(
			0,
			Math.min(
				1,
				((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2),
			),
		);
		return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
	};
	/** @type {Point} */
	const a = [size * 0.28, size * 0.52];
	/** @type {Point} */
	const b = [size * 0.44, size * 0.68];
	/** @type {Point} */
	const c = [size * 0.74, size * 0.34];
	return (x, y) => {
		if (Math.hypot(x - centre, y - centre) > radius) return false;
		const tick = Math.min(distanceToSegment(x, y, a, b), distanceToSegment(x, y, b, c));
		return tick > size * 0.045;
	};
}

// ── documents ───────────────────────────────────────────────────────────────

/** A one-page PDF invoice with a correct cross-reference table. */
function encodePdf() {
	const lines = [
		['/F2 18 Tf', 'SmartWats Demo Store'],
		['/F1 12 Tf', 'Invoice 1001'],
		['/F1 11 Tf', 'Billed to: Johan Doe, +91 98765 43210'],
		['/F1 11 Tf', '1 x Oak oil 500 ml ........................ Rs 499.00'],
		['/F1 11 Tf', '1 x Teak oil 500 ml ....................... Rs 599.00'],
		['/F1 11 Tf', 'Total ..................................... Rs 1,098.00'],
		['/F1 9 Tf', 'Thank you for shopping with us.'],
	];
	let y = 780;
	const content = lines
		.map(([font, text]) => {
			const line = `BT ${font} 56 ${y} Td (${text}) Tj ET`;
			y -= 28;
			return line;
		})
		.join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>',
		`<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
		'<< /Title (Invoice 1001) /Producer (SmartWats simulator) >>',
	];
	let pdf = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
	/** @type {number[]} */
	const offsets = [];
	objects.forEach((body, index) => {
		offsets.push(Buffer.byteLength(pdf, 'latin1'));
		pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = Buffer.byteLength(pdf, 'latin1');
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(pdf, 'latin1');
}

// ── sound ───────────────────────────────────────────────────────────────────

/**
 * @param {{ headerType: number, granule: number, serial: number, sequence: number, packets: Buffer[] }} page
 */
function oggPage({ headerType, granule, serial, sequence, packets }) {
	/** @type {number[]} */
	const segments = [];
	for (const packet of packets) {
		let left = packet.length;
		while (left >= 255) {
			segments.push(255);
			left -= 255;
		}
		segments.push(left);
	}
	const header = Buffer.alloc(27);
	header.write('OggS', 0, 'ascii');
	header[4] = 0;
	header[5] = headerType;
	header.writeBigUInt64LE(BigInt(granule), 6);
	header.writeUInt32LE(serial, 14);
	header.writeUInt32LE(sequence, 18);
	header[26] = segments.length;
	const page = Buffer.concat([header, Buffer.from(segments), ...packets]);
	page.writeUInt32LE(oggCrc(page), 22);
	return page;
}

/**
 * A WhatsApp-like voice note: Ogg/Opus, mono, 20 ms CELT frames of silence.
 * @param {number} seconds
 */
function encodeOggOpus(seconds) {
	const serial = 0x5357_4154;
	const preSkip = 312;
	const head = Buffer.alloc(19);
	head.write('OpusHead', 0, 'ascii');
	head[8] = 1; // version
	head[9] = 1; // channels
	head.writeUInt16LE(preSkip, 10);
	head.writeUInt32LE(16000, 12); // input sample rate
	head.writeInt16LE(0, 16);
	head[18] = 0; // mapping family
	const vendor = Buffer.from('SmartWats simulator', 'ascii');
	const tags = Buffer.concat([
		Buffer.from('OpusTags', 'ascii'),
		Buffer.from(Uint32Array.of(vendor.length).buffer),
		vendor,
		Buffer.from(Uint32Array.of(0).buffer),
	]);
	// TOC 0xF8: CELT-only, fullband, 20 ms, mono, one frame; 0xFF 0xFE is a silent frame.
	const silence = Buffer.from([0xf8, 0xff, 0xfe]);
	const frames = seconds * 50;
	const pages = [
		oggPage({ headerType: 0x02, granule: 0, serial, sequence: 0, packets: [head] }),
		oggPage({ headerType: 0, granule: 0, serial, sequence: 1, packets: [tags] }),
	];
	for (let done = 0; done < frames; done += 50) {
		const count = Math.min(50, frames - done);
		pages.push(
			oggPage({
				headerType: done + count >= frames ? 0x04 : 0,
				granule: preSkip + (done + count) * 960,
				serial,
				sequence: pages.length,
				packets: Array(count).fill(silence),
			}),
		);
	}
	return Buffer.concat(pages);
}

/**
 * An MP3 (MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono) of silence, with an ID3v2 title.
 * @param {number} seconds
 */
function encodeMp3(seconds) {
	const frameSize = Math.floor((144 * 128000) / 44100); // 417 bytes, no padding
	const frame = Buffer.alloc(frameSize);
	frame.set([0xff, 0xfb, 0x90, 0xc4]);
	const frames = Math.round((seconds * 44100) / 1152);
	const title = Buffer.concat([Buffer.from([3]), Buffer.from('Order question', 'utf8')]);
	const titleFrame = Buffer.concat([
		Buffer.from('TIT2', 'ascii'),
		u32be(title.length),
		Buffer.from([0, 0]),
		title,
	]);
	const tagSize = titleFrame.length;
	// ID3v2 sizes are "syncsafe": 7 bits per byte.
	const syncsafe = Buffer.from([
		(tagSize >> 21) & 0x7f,
		(tagSize >> 14) & 0x7f,
		(tagSize >> 7) & 0x7f,
		tagSize & 0x7f,
	]);
	return Buffer.concat([
		Buffer.from('ID3', 'ascii'),
		Buffer.from([4, 0, 0]),
		syncsafe,
		titleFrame,
		...Array(frames).fill(frame),
	]);
}

// ── video ───────────────────────────────────────────────────────────────────

/**
 * NAL unit bytes with emulation prevention (00 00 0x → 00 00 03 0x for x ≤ 3).
 * @param {number} header
 * @param {number[]} rbsp
 */
function nalUnit(header, rbsp) {
	const out = [header];
	let zeros = 0;
	for (const byte of rbsp) {
		if (zeros >= 2 && byte <= 3) {
			out.push(3);
			zeros = 0;
		}
		out.push(byte);
		zeros = byte === 0 ? zeros + 1 : 0;
	}
	return Buffer.from(out);
}

/** @param {BitWriter} writer */
function trailingBits(writer) {
	writer.bits(1, 1);
	writer.align(0);
	return writer.bytes;
}

/**
 * A Baseline H.264 stream: an IDR frame of I_PCM macroblocks (uncompressed samples, so no transform coding is
 * needed) every `gop` frames, and P frames that skip every macroblock in between.
 * @param {VideoOptions} options
 */
function h264Frames({ width, height, frames, gop, picture }) {
	const mbWidth = width / 16;
	const mbHeight = height / 16;
	const sps = new BitWriter();
	sps.bits(66, 8); // Baseline
	sps.bits(0xc0, 8); // constraint_set0 and 1
	sps.bits(30, 8); // level 3.0
	sps.ue(0); // seq_parameter_set_id
	sps.ue(0); // log2_max_frame_num_minus4 → frame_num has 4 bits
	sps.ue(2); // pic_order_cnt_type 2: output order = decode order
	sps.ue(1); // max_num_ref_frames
	sps.bits(0, 1); // gaps_in_frame_num_value_allowed_flag
	sps.ue(mbWidth - 1);
	sps.ue(mbHeight - 1);
	sps.bits(1, 1); // frame_mbs_only_flag
	sps.bits(1, 1); // direct_8x8_inference_flag
	sps.bits(0, 1); // frame_cropping_flag
	sps.bits(0, 1); // vui_parameters_present_flag
	const pps = new BitWriter();
	pps.ue(0); // pic_parameter_set_id
	pps.ue(0); // seq_parameter_set_id
	pps.bits(0, 1); // CAVLC
	pps.bits(0, 1); // bottom_field_pic_order_in_frame_present_flag
	pps.ue(0); // num_slice_groups_minus1
	pps.ue(0); // num_ref_idx_l0_default_active_minus1
	pps.ue(0); // num_ref_idx_l1_default_active_minus1
	pps.bits(0, 1); // weighted_pred_flag
	pps.bits(0, 2); // weighted_bipred_idc
	pps.se(0); // pic_init_qp_minus26
	pps.se(0); // pic_init_qs_minus26
	pps.se(0); // chroma_qp_index_offset
	pps.bits(1, 1); // deblocking_filter_control_present_flag
	pps.bits(0, 1); // constrained_intra_pred_flag
	pps.bits(0, 1); // redundant_pic_cnt_present_flag

	/** @type {Array<{ nal: Buffer, sync: boolean }>} */
	const samples = [];
	let idrId = 0;
	for (let index = 0; index < frames; index++) {
		const frameNum = (index % gop) % 16;
		const slice = new BitWriter();
		slice.ue(0); // first_mb_in_slice
		if (index % gop === 0) {
			slice.ue(7); // I slice (all)
			slice.ue(0); // pic_parameter_set_id
			slice.bits(0, 4); // frame_num
			slice.ue(idrId++ % 2); // idr_pic_id
			slice.bits(0, 1); // no_output_of_prior_pics_flag
			slice.bits(0, 1); // long_term_reference_flag
			slice.se(0); // slice_qp_delta
			slice.ue(1); // disable_deblocking_filter_idc: off
			const paint = picture(index);
			for (let mbY = 0; mbY < mbHeight; mbY++)
				for (let mbX = 0; mbX < mbWidth; mbX++) {
					slice.ue(25); // mb_type I_PCM
					slice.align(0); // pcm_alignment_zero_bit
					const [y, cb, cr] = paint(mbX, mbY);
					for (let sample = 0; sample < 256; sample++) slice.bits(y(sample), 8);
					for (let sample = 0; sample < 64; sample++) slice.bits(cb, 8);
					for (let sample = 0; sample < 64; sample++) slice.bits(cr, 8);
				}
			samples.push({ nal: nalUnit(0x65, trailingBits(slice)), sync: true });
		} else {
			slice.ue(5); // P slice (all)
			slice.ue(0); // pic_parameter_set_id
			slice.bits(frameNum, 4); // frame_num
			slice.bits(0, 1); // num_ref_idx_active_override_flag
			slice.bits(0, 1); // ref_pic_list_modification_flag_l0
			slice.bits(0, 1); // adaptive_ref_pic_marking_mode_flag
			slice.se(0); // slice_qp_delta
			slice.ue(1); // disable_deblocking_filter_idc
			slice.ue(mbWidth * mbHeight); // mb_skip_run: every macroblock repeats the reference
			samples.push({ nal: nalUnit(0x41, trailingBits(slice)), sync: false });
		}
	}
	return {
		sps: nalUnit(0x67, trailingBits(sps)),
		pps: nalUnit(0x68, trailingBits(pps)),
		samples,
	};
}

/**
 * @param {string} type
 * @param {...Buffer} parts
 */
function box(type, ...parts) {
	const payload = Buffer.concat(parts);
	return Buffer.concat([u32be(payload.length + 8), Buffer.from(type, 'ascii'), payload]);
}

/**
 * @param {string} type
 * @param {number} version
 * @param {number} flags
 * @param {...Buffer} parts
 */
const fullBox = (type, version, flags, ...parts) =>
	box(
		type,
		Buffer.from([version, (flags >> 16) & 0xff, (flags >> 8) & 0xff, flags & 0xff]),
		...parts,
	);

const MATRIX = Buffer.concat(
	[0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].map((value) => u32be(value)),
);

/**
 * The picture of an IDR frame: for a macroblock, its luma by sample index and its two chroma values.
 * @typedef {(mbX: number, mbY: number) => [(sample: number) => number, number, number]} MacroblockPaint
 */
/**
 * @typedef {{ width: number, height: number, fps?: number, frames: number, gop: number,
 *   picture: (index: number) => MacroblockPaint }} VideoOptions
 */

/**
 * An MP4 (ISO BMFF, moov before mdat) holding one H.264 track.
 * @param {VideoOptions & { fps: number }} options
 */
function encodeMp4({ width, height, fps, frames, gop, picture }) {
	const { sps, pps, samples } = h264Frames({ width, height, frames, gop, picture });
	const sampleData = samples.map((sample) => Buffer.concat([u32be(sample.nal.length), sample.nal]));
	const timescale = fps * 512;
	const duration = frames * 512;
	const movieDuration = Math.round((frames / fps) * 1000);
	const avcC = box(
		'avcC',
		Buffer.from([1, sps[1], sps[2], sps[3], 0xff, 0xe1]),
		u16be(sps.length),
		sps,
		Buffer.from([1]),
		u16be(pps.length),
		pps,
	);
	const avc1 = box(
		'avc1',
		Buffer.alloc(6),
		u16be(1), // data_reference_index
		Buffer.alloc(16),
		u16be(width),
		u16be(height),
		u32be(0x00480000),
		u32be(0x00480000),
		u32be(0),
		u16be(1), // frame_count
		Buffer.alloc(32), // compressor name
		u16be(0x0018),
		Buffer.from([0xff, 0xff]),
		avcC,
	);
	const syncSamples = samples.flatMap((sample, index) => (sample.sync ? [index + 1] : []));
	/** @param {number} chunkOffset */
	const moov = (chunkOffset) =>
		box(
			'moov',
			fullBox(
				'mvhd',
				0,
				0,
				u32be(0),
				u32be(0),
				u32be(1000),
				u32be(movieDuration),
				u32be(0x00010000),
				u16be(0x0100),
				Buffer.alloc(10),
				MATRIX,
				Buffer.alloc(24),
				u32be(2),
			),
			box(
				'trak',
				fullBox(
					'tkhd',
					0,
					3,
					u32be(0),
					u32be(0),
					u32be(1),
					u32be(0),
					u32be(movieDuration),
					Buffer.alloc(8),
					u16be(0),
					u16be(0),
					u16be(0),
					u16be(0),
					MATRIX,
					u32be(width << 16),
					u32be(height << 16),
				),
				box(
					'mdia',
					fullBox(
						'mdhd',
						0,
						0,
						u32be(0),
						u32be(0),
						u32be(timescale),
						u32be(duration),
						u16be(0x55c4), // 'und'
						u16be(0),
					),
					fullBox(
						'hdlr',
						0,
						0,
						u32be(0),
						Buffer.from('vide', 'ascii'),
						Buffer.alloc(12),
						Buffer.from('VideoHandler\0', 'ascii'),
					),
					box(
						'minf',
						fullBox('vmhd', 0, 1, Buffer.alloc(8)),
						box('dinf', fullBox('dref', 0, 0, u32be(1), fullBox('url ', 0, 1))),
						box(
							'stbl',
							fullBox('stsd', 0, 0, u32be(1), avc1),
							fullBox('stts', 0, 0, u32be(1), u32be(frames), u32be(512)),
							fullBox(
								'stss',
								0,
								0,
								u32be(syncSamples.length),
								...syncSamples.map((index) => u32be(index)),
							),
							fullBox('stsc', 0, 0, u32be(1), u32be(1), u32be(frames), u32be(1)),
							fullBox(
								'stsz',
								0,
								0,
								u32be(0),
								u32be(frames),
								...sampleData.map((sample) => u32be(sample.length)),
							),
							fullBox('stco', 0, 0, u32be(1), u32be(chunkOffset)),
						),
					),
				),
			),
		);
	const ftyp = box(
		'ftyp',
		Buffer.from('isom', 'ascii'),
		u32be(512),
		Buffer.from('isomiso2avc1mp41', 'ascii'),
	);
	const moovSize = moov(0).length;
	const mdat = box('mdat', ...sampleData);
	return Buffer.concat([ftyp, moov(ftyp.length + moovSize + 8), mdat]);
}

/**
 * A clip of a parcel on a doorstep: the light changes once a second (one IDR frame each).
 * @param {number} second
 * @returns {MacroblockPaint}
 */
function videoPicture(second) {
	/**
	 * @param {number} r
	 * @param {number} g
	 * @param {number} b
	 */
	const toYuv = (r, g, b) => [
		Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b),
		Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b),
		Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b),
	];
	const light = 1 - second * 0.08;
	return (mbX, mbY) => {
		const parcel = mbX >= 4 && mbX <= 6 && mbY >= 4 && mbY <= 6;
		const floor = mbY >= 6;
		const [r, g, b] = parcel ? [176, 132, 84] : floor ? [120, 120, 128] : [190, 205, 220];
		const [y, cb, cr] = toYuv(r * light, g * light, b * light);
		// A gentle vertical gradient inside each macroblock, so frames are not flat colour.
		return [(/** @type {number} */ sample) => Math.min(235, y + (sample >> 5)), cb, cr];
	};
}

// ── the files ───────────────────────────────────────────────────────────────

/** @typedef {'jpeg' | 'png' | 'webp' | 'pdf' | 'opus' | 'mp3' | 'mp4'} MediaFormat */
/** @type {Record<MediaFormat, () => Buffer>} */
const builders = {
	jpeg: () => encodeJpeg(480, 360, photoPixel(480, 360, random(7))),
	png: () => encodePng(320, 240, photoPixel(320, 240, random(11))),
	// WhatsApp's teal (#00A884): with no red, a pixel costs 3 bits, under WhatsApp's 100 KB for a sticker.
	webp: () => encodeWebpTwoColour(512, 512, [0, 168, 132], stickerShape(512)),
	pdf: () => encodePdf(),
	opus: () => encodeOggOpus(4),
	mp3: () => encodeMp3(3),
	mp4: () =>
		encodeMp4({
			width: 176,
			height: 144,
			fps: 10,
			frames: 30,
			gop: 10,
			picture: (index) => videoPicture(Math.floor(index / 10)),
		}),
};

/** @type {Map<MediaFormat, Buffer>} */
const cache = new Map();

/**
 * The bytes of one generated file (`jpeg`, `png`, `webp`, `pdf`, `opus`, `mp3`, `mp4`), built once.
 * @param {MediaFormat} format
 * @returns {Buffer}
 */
function mediaBytes(format) {
	if (!builders[format]) throw new Error(`no generated media format ${format}`);
	const cached = cache.get(format) ?? builders[format]();
	cache.set(format, cached);
	return cached;
}

module.exports = { mediaBytes, MEDIA_FORMATS: Object.keys(builders) };
