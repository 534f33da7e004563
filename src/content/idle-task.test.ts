// @vitest-environment happy-dom
import '../testing/idle-callback';
import { describe, expect, it, vi } from 'vitest';
import { idleTask } from './idle-task';

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('idleTask', () => {
  it('runs later, not at once, and only the newest of several schedulings', async () => {
    const task = idleTask();
    const ran: string[] = [];
    task.run(() => ran.push('first'));
    task.run(() => ran.push('second'));
    expect(ran).toEqual([]);
    await vi.waitFor(() => expect(ran).toEqual(['second']));
    await settle();
    expect(ran).toEqual(['second']);
  });

  it('forgets cancelled work and can be scheduled again', async () => {
    const task = idleTask();
    const ran: string[] = [];
    task.run(() => ran.push('cancelled'));
    task.cancel();
    await settle();
    expect(ran).toEqual([]);
    task.run(() => ran.push('again'));
    await vi.waitFor(() => expect(ran).toEqual(['again']));
  });
});
