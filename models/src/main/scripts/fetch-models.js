#!/usr/bin/env node
// Fetches the pinned ONNX models from npm packages, checks each file's SHA-256 and writes them, with a manifest,
// into the jar's resource folder (issue 2, models/).
//
// Written for Node (always present where npm is) so the build needs only JDK 17, Maven and npm on any OS: no tar,
// sha256sum or shell tricks. The package tarball is kept in a cache outside target/, so `mvn clean` and later
// builds need no network.
//
// usage: node fetch-models.js <pins.json> <cacheDir> <outDir>
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');
const { execFileSync } = require('child_process');

function fail(message) {
    console.error('[facetrust-models] ERROR: ' + message);
    process.exit(1);
}

function log(message) {
    console.log('[facetrust-models] ' + message);
}

const [pinsFile, cacheDir, outDir] = process.argv.slice(2);
if (!pinsFile || !cacheDir || !outDir) {
    fail('usage: node fetch-models.js <pins.json> <cacheDir> <outDir>');
}

const pins = JSON.parse(fs.readFileSync(pinsFile, 'utf8'));
fs.mkdirSync(cacheDir, { recursive: true });
fs.mkdirSync(outDir, { recursive: true });

/** The package tarball from the cache, fetched with `npm pack` when missing. */
function tarballFor(pkg) {
    // npm names scoped packages "@scope/name" -> "scope-name-version.tgz".
    const fileName = pkg.package.replace(/^@/, '').replace('/', '-') + '-' + pkg.version + '.tgz';
    const cached = path.join(cacheDir, fileName);
    if (fs.existsSync(cached)) {
        log('using cached ' + cached);
        return cached;
    }
    const spec = pkg.package + '@' + pkg.version;
    log('npm pack ' + spec + ' -> ' + cacheDir);
    // Pack into a temporary folder first so an interrupted download never leaves a half file in the cache.
    const tmp = fs.mkdtempSync(path.join(cacheDir, '.partial-'));
    try {
        execFileSync('npm', ['pack', spec, '--pack-destination', tmp, '--silent'],
            { stdio: ['ignore', 'pipe', 'inherit'], shell: process.platform === 'win32' });
    } catch (e) {
        fs.rmSync(tmp, { recursive: true, force: true });
        fail('`npm pack ' + spec + '` failed (' + e.message.split('\n')[0] + '). The npm registry must be reachable '
            + 'for the first build, or put the tarball at ' + cached + ' by hand.');
    }
    const produced = fs.readdirSync(tmp).filter((f) => f.endsWith('.tgz'));
    if (produced.length !== 1) {
        fs.rmSync(tmp, { recursive: true, force: true });
        fail('`npm pack ' + spec + '` produced ' + produced.length + ' tarballs in ' + tmp);
    }
    fs.renameSync(path.join(tmp, produced[0]), cached);
    fs.rmSync(tmp, { recursive: true, force: true });
    return cached;
}

/** Minimal ustar/GNU/pax reader: returns a Map of entry path -> Buffer for the wanted paths only. */
function extract(tgz, wanted) {
    const data = zlib.gunzipSync(fs.readFileSync(tgz));
    const found = new Map();
    let offset = 0;
    let longName = null;
    while (offset + 512 <= data.length) {
        const header = data.subarray(offset, offset + 512);
        if (header.every((b) => b === 0)) break; // end-of-archive marker
        const str = (start, len) => {
            const raw = header.subarray(start, start + len);
            const end = raw.indexOf(0);
            return raw.subarray(0, end < 0 ? len : end).toString('utf8');
        };
        const size = parseInt(str(124, 12).trim() || '0', 8);
        const type = String.fromCharCode(header[156] || 48);
        const prefix = str(345, 155);
        let name = longName || (prefix ? prefix + '/' + str(0, 100) : str(0, 100));
        longName = null;
        const body = data.subarray(offset + 512, offset + 512 + size);
        if (type === 'L') {
            longName = body.toString('utf8').replace(/\0+$/, '');
        } else if (type === 'x') {
            const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
            if (m) longName = m[1];
        } else if ((type === '0' || type === '\0') && wanted.has(name)) {
            found.set(name, Buffer.from(body));
        }
        offset += 512 + Math.ceil(size / 512) * 512;
    }
    return found;
}

const manifest = { generatedBy: 'facetrust-models fetch-models.js', models: [] };
for (const pkg of pins.packages) {
    const tgz = tarballFor(pkg);
    const files = extract(tgz, new Set(pkg.files.map((f) => f.path)));
    for (const pin of pkg.files) {
        const body = files.get(pin.path);
        if (!body) {
            fail(pin.path + ' is missing from ' + tgz + ' (' + pkg.package + '@' + pkg.version + ').');
        }
        const actual = crypto.createHash('sha256').update(body).digest('hex');
        if (actual !== pin.sha256) {
            fail('SHA-256 mismatch for ' + pin.name + ' from ' + pkg.package + '@' + pkg.version + '\n'
                + '    expected: ' + pin.sha256 + '\n'
                + '    actual:   ' + actual + '\n'
                + '    The file differs from the pinned one; it is not used. If the cached tarball ' + tgz
                + ' is damaged, delete it and build again.');
        }
        fs.writeFileSync(path.join(outDir, pin.name), body);
        manifest.models.push({
            file: pin.name,
            sha256: actual,
            size: body.length,
            source: pkg.package + '@' + pkg.version,
            sourcePath: pin.path,
            declaredLicence: pkg.declaredLicence,
            licenceNote: pkg.licenceNote,
            purpose: pin.purpose,
        });
        log('ok ' + pin.name + ' ' + body.length + ' bytes sha256=' + actual);
    }
}
fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
log('wrote ' + manifest.models.length + ' models and manifest.json to ' + outDir);
