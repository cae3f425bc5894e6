import { describe, expect, it } from 'vitest';
import { eventTopics, events, methodNames, methods } from '../../../shared/contract';

describe('contract names', () => {
  it('lists exactly the methods that have schemas', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(methods).sort());
  });

  it('lists exactly the event topics that have schemas', () => {
    expect([...eventTopics].sort()).toEqual(Object.keys(events).sort());
  });
});
