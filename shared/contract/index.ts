export * from './dto';
export * from './events';
export * from './methods';
export * from './names';
