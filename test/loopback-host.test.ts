import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../src/loopback-host.js';

describe('loopback hosts', () => {
  it('knows this machine’s names and addresses from the others', () => {
    const loopback = ['127.0.0.1', '127.1.2.3', '::1', 'localhost'];
    const other = ['0.0.0.0', '::', '10.0.0.1', '192.168.1.10', '127.0.0.1.example.com', 'localhost.example.com'];
    expect(loopback.filter(isLoopbackHost)).toEqual(loopback);
    expect(other.filter(isLoopbackHost)).toEqual([]);
  });
});
