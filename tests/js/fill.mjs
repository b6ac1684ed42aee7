// Fill a PDF form with pdf.js (the engine inside Firefox) and save it as Firefox does.
//   node fill.mjs IN.pdf OUT.pdf VALUES.json   -> prints {"fields": [...names pdf.js sees...]}
// VALUES.json maps field name -> string (text fields) or true/false (tick boxes).
// Read-only fields are left alone. Without OUT and VALUES it only lists the fields.
import { readFileSync, writeFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const [input, output, valuesPath] = process.argv.slice(2);
const values = valuesPath ? JSON.parse(readFileSync(valuesPath, "utf8")) : {};
const doc = await getDocument({ data: new Uint8Array(readFileSync(input)), verbosity: 0,
                                isEvalSupported: false, enableXfa: false }).promise;
const objects = (await doc.getFieldObjects()) || {};
const seen = [];
const unknown = new Set(Object.keys(values));
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  for (const a of await page.getAnnotations()) {
    if (a.subtype !== "Widget") continue;
    seen.push({ name: a.fieldName, type: a.fieldType, checkBox: !!a.checkBox, readOnly: !!a.readOnly,
                label: a.alternativeText ?? null, exportValue: a.exportValue ?? null });
    if (a.readOnly || !(a.fieldName in values)) continue;
    unknown.delete(a.fieldName);
    const v = values[a.fieldName];
    doc.annotationStorage.setValue(a.id, a.checkBox ? { value: !!v } : { value: String(v) });
  }
}
if (unknown.size) {
  console.error(`pdf.js found no field for: ${[...unknown].join(", ")}`);
  process.exit(3);
}
if (output) writeFileSync(output, await doc.saveDocument());
console.log(JSON.stringify({ fields: seen, fieldObjects: Object.keys(objects) }));
await doc.destroy();
