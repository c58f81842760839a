// Drives the server through the npm bitcoin-core client (an independent implementation of
// bitcoind's RPC client). Reads {module, host, username, password, namedParameters, calls} on
// stdin and prints one outcome per call: {ok, result} or {ok: false, error: {code, message}}.
'use strict';
let input = '';
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', async () => {
  const request = JSON.parse(input);
  const Client = require(request.module);
  const client = new Client({ host: request.host, username: request.username, password: request.password, timeout: 60000 });
  if (request.namedParameters) client.hasNamedParametersSupport = true;
  const outcomes = [];
  for (const call of request.calls) {
    try {
      if (call.batch) {
        const replies = await client.command(call.batch.map(c => ({ method: c.method, parameters: c.params })));
        outcomes.push({ ok: true, result: replies.map(r => r instanceof Error ? { error: { code: r.code, message: r.message } } : { result: r }) });
      } else {
        outcomes.push({ ok: true, result: await client.command(call.method, ...call.params) });
      }
    } catch (e) {
      outcomes.push({ ok: false, error: { code: e.code, message: e.message } });
    }
  }
  process.stdout.write(JSON.stringify(outcomes));
});
