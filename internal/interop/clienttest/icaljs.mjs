// Parses a vCard or iCalendar file with ical.js and prints its components
// as JSON: node icaljs.mjs PATH/TO/ical.js FILE
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const ICAL = (await import(pathToFileURL(process.argv[2]).href)).default;
const text = readFileSync(process.argv[3], 'utf8');

let parsed = ICAL.parse(text); // throws on anything it cannot read
if (typeof parsed[0] === 'string') {
  parsed = [parsed]; // one component rather than a list of them
}
const comps = parsed.map((jcal) => new ICAL.Component(jcal));

// Times with a TZID resolve through the file's own VTIMEZONEs.
for (const c of comps) {
  for (const tz of c.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(tz);
  }
}

function text_(v) {
  if (Array.isArray(v)) return v.map(text_).join(';');
  if (v !== null && typeof v === 'object') return v.toString();
  return String(v);
}

function summary(c) {
  const out = { name: c.name, props: {}, children: [] };
  for (const p of c.getAllProperties()) {
    (out.props[p.name] ||= []).push(p.getValues().map(text_).join(','));
  }
  if (c.name === 'vevent') {
    const e = new ICAL.Event(c);
    out.start = e.startDate.toUnixTime();
    out.end = e.endDate ? e.endDate.toUnixTime() : null;
    out.allDay = e.startDate.isDate;
  }
  for (const s of c.getAllSubcomponents()) {
    out.children.push(summary(s));
  }
  return out;
}

process.stdout.write(JSON.stringify(comps.map(summary)));
