export * from './agent-dto';
export * from './assistant-dto';
export * from './dto';
export * from './events';
export * from './methods';
export * from './names';
export * from './stats-dto';
export * from './sync-dto';
