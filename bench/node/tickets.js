// The Node.js baseline for bench-tickets: 1,000 A6 tickets with a QR code
// each, qrcode + pdfkit, into one PDF. Run: npm install && node tickets.js [N]
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const PDFDocument = require('pdfkit');
const QRCode = require('qrcode');

const count = parseInt(process.argv[2] || '1000', 10);
const repeat = 5;
const mm = (x) => (x * 72) / 25.4;

const firstNames = ['Kari', 'Ola', 'Ingrid', 'Lars', 'Åse', 'Bjørn', 'Øystein', 'Sigrid', 'Håkon', 'Marit'];
const lastNames = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Ødegård', 'Sæther', 'Åsheim', 'Berg', 'Haugen'];
const organisations = ['Hamar kommune', 'NAV Innlandet', 'IMDi Indre Øst', 'Røde Kors Hamar', ''];
const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function token() {
  const bytes = crypto.randomBytes(26);
  let s = '';
  for (const b of bytes) s += base32[b & 31];
  return s;
}

const attendees = [];
for (let i = 0; i < count; i++) {
  attendees.push({
    name: `${firstNames[i % firstNames.length]} ${lastNames[(i * 7) % lastNames.length]}`,
    organisation: organisations[(i * 3) % organisations.length],
    ticket: 'MP1' + token(),
  });
}

function render(file) {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: [mm(148), mm(105)], autoFirstPage: false });
    const out = fs.createWriteStream(file);
    doc.pipe(out);
    for (const a of attendees) {
      doc.addPage({ size: [mm(148), mm(105)], margin: 0 });
      doc.fillColor('#1a5fb4').font('Helvetica-Bold').fontSize(8.5).text('DIALOGMØTE', mm(10), mm(10));
      doc.fillColor('#241f31').fontSize(20).text('Dialogmøte om integrering og frivillighet', mm(10), mm(15), { width: mm(78) });
      doc.fillColor('#5e5c64').font('Helvetica').fontSize(10.5)
        .text('tirsdag 10. mars 2026 kl. 09.00–12.30', mm(10), mm(35), { width: mm(78) })
        .text('Storsalen, Kulturhuset, Torggata 1, Hamar', { width: mm(78) });
      doc.fillColor('#241f31').font('Helvetica-Bold').fontSize(24).text(a.name, mm(10), mm(78), { width: mm(78) });
      doc.fillColor('#5e5c64').font('Helvetica').fontSize(12).text(a.organisation, mm(10), mm(89), { width: mm(78) });
      // Modules as rectangles, like most QR-in-PDF code does
      const qr = QRCode.create(a.ticket, { errorCorrectionLevel: 'M' });
      const n = qr.modules.size;
      const m = mm(42) / n;
      doc.fillColor('black');
      for (let y = 0; y < n; y++)
        for (let x = 0; x < n; x++)
          if (qr.modules.get(y, x)) doc.rect(mm(96) + x * m, mm(25) + y * m, m, m);
      doc.fill();
      doc.fillColor('#5e5c64').fontSize(8).text('Vis denne koden i innsjekkingen', mm(90), mm(74), { width: mm(54), align: 'center' });
    }
    doc.end();
    out.on('finish', resolve);
  });
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-bench-node-'));
  const file = path.join(dir, 'tickets.pdf');
  const times = [];
  for (let i = 0; i < repeat; i++) {
    const t = process.hrtime.bigint();
    await render(file);
    times.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  times.sort((a, b) => a - b);
  const size = fs.statSync(file).size;
  const median = times[Math.floor(times.length / 2)];
  console.log(`node-pdfkit layout=ticket n=${count} median=${median.toFixed(3)}s min=${times[0].toFixed(3)}s ` +
              `rate=${Math.round(count / median)}/s pdf=${(size / 1e6).toFixed(1)}MB`);
  fs.rmSync(dir, { recursive: true });
})();
