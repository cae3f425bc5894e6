import type { SocketFactory } from '../whatsapp/socket-factory';
import { FakeSocket } from './fake-socket';

/**
 * Sockets for "real" numbers that only walk through pairing, for the browser test of the QR
 * screen (MOSTRADOR_SCRIPTED_WHATSAPP=1): a first QR at once, a rotated one after 2 s, and the
 * code ABCD1234 when linking by phone number. They never connect and reach no network.
 */
export function scriptedWhatsAppFactory(rotateAfterMs = 2_000): SocketFactory {
  return (config) => {
    const socket = new FakeSocket(config);
    const timers = [
      setTimeout(() => socket.ev.emit('connection.update', { qr: 'scripted-qr-1' }), 10),
      setTimeout(() => socket.ev.emit('connection.update', { qr: 'scripted-qr-2' }), rotateAfterMs),
    ];
    const end = socket.end;
    socket.end = async (error) => {
      timers.forEach(clearTimeout);
      await end(error);
    };
    return socket;
  };
}
