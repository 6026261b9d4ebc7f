// A node:test reporter that writes how long each test file took, as JSON ({ "file": ms }), so the next run can start the
// longest files first (see selftest/run.mjs). The runner reports each file as a test named after its own path.
export default async function* fileDurations(source) {
  const durations = {};
  for await (const event of source) {
    if (event.type === 'test:complete' && event.data.file && event.data.name === event.data.file) {
      durations[event.data.file] = event.data.details?.duration_ms ?? 0;
    }
  }
  yield `${JSON.stringify(durations, null, 2)}\n`;
}
