// Shared by the browser-mode benches: a WebSocket signed in the way a browser is (the token
// traded once for the session cookie the server hands out), whatever that cookie holds.
import { WebSocket } from 'ws';

/** `GET /?token=…` as the printed address does; answers the `Cookie` header to send afterwards. */
export async function sessionCookie(port: number, token: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`, { redirect: 'manual' });
  const setCookie = response.headers.get('set-cookie');
  if (response.status !== 302 || !setCookie) throw new Error(`token exchange answered ${response.status} without a session cookie`);
  return setCookie.split(';')[0]!;
}

/** An open, signed-in contract WebSocket to a headless server on 127.0.0.1. */
export async function openSessionSocket(port: number, token: string): Promise<WebSocket> {
  const cookie = await sessionCookie(port, token);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { cookie, origin: `http://127.0.0.1:${port}` } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
