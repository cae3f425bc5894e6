export * from './agent-dto';
export * from './dto';
export * from './events';
export * from './methods';
export * from './names';
export * from './campaign-dto';
