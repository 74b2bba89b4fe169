export * from './versions';
export * from './legal';
