import { request } from 'node:http';

/** A response as a test reads it: status, headers and the JSON body (or the text, if not JSON). */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

/**
 * One HTTP request with exactly the headers given, Host and Origin included, as a browser page or a
 * DNS-rebinding host would send it (fetch would not let a test forge Host).
 */
export function rawRequest(
  baseUrl: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: options.method ?? 'POST',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => {
          let json: any = text;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON: the test sees the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Sends a body of up to `maxBytes` in 64 KiB chunks, as fast as the server takes them, and stops
 * as soon as the server answers. Returns the answer (if any came) and how much was sent: a server
 * that stops reading early answers having taken a small part of it.
 */
export function floodRequest(
  baseUrl: string,
  path: string,
  options: { maxBytes: number; declaredLength?: number },
): Promise<{ status: number | undefined; json: any; sent: number }> {
  const base = new URL(baseUrl);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve) => {
    let sent = 0;
    let done = false;
    const finish = (status: number | undefined, json: any) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, json, sent });
    };
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/json',
          ...(options.declaredLength
            ? { 'content-length': String(options.declaredLength) }
            : { 'transfer-encoding': 'chunked' }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => {
          let json: any = text;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON
          }
          finish(res.statusCode, json);
        });
        res.on('error', () => finish(res.statusCode, text));
      },
    );
    // Once the server has answered and closed, writes fail: that is the point, not an error.
    req.on('error', () => setImmediate(() => finish(undefined, undefined)));
    const pump = () => {
      while (!done && sent < options.maxBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      // Everything was sent and no answer came: the server read it all (or still waits for more).
      if (!done && sent >= options.maxBytes) {
        if (options.declaredLength) setImmediate(() => finish(undefined, 'server kept reading'));
        else req.end();
      }
    };
    pump();
  });
}
