export * from './bounds.ts'
export * from './report.ts'
export * from './run-swarm.ts'
export * from './scenarios.ts'
