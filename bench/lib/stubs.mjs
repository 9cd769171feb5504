// Minimal type declarations for the packages the generated code imports, written under the
// generated tree's node_modules so `tsc --noEmit` type-checks it (the tsc reference timing must
// be a clean, complete program). Real packages' types are larger, so the reference tsc time is,
// if anything, an underestimate — which makes the "≤ 0.1 × tsc" budget stricter, not looser.

const pkg = (name) => `${JSON.stringify({ name, version: '0.0.0-bench-stub', types: 'index.d.ts', main: 'index.js' }, null, 2)}\n`;

export const STUB_FILES = {
  'node_modules/bullmq/package.json': pkg('bullmq'),
  'node_modules/bullmq/index.js': '',
  'node_modules/bullmq/index.d.ts': `export interface ConnectionOptions {
  host?: string;
  port?: number;
  password?: string;
  db?: number;
}
export interface BackoffOptions {
  type: 'fixed' | 'exponential';
  delay: number;
}
export interface JobsOptions {
  attempts?: number;
  delay?: number;
  priority?: number;
  jobId?: string;
  removeOnComplete?: boolean | number;
  removeOnFail?: boolean | number;
  backoff?: number | BackoffOptions;
}
export declare class Job<DataType = any, ResultType = any, NameType extends string = string> {
  id?: string;
  name: NameType;
  data: DataType;
  returnvalue: ResultType;
  attemptsMade: number;
  updateProgress(progress: number | object): Promise<void>;
  log(row: string): Promise<number>;
}
export interface QueueOptions {
  connection: ConnectionOptions;
  prefix?: string;
  defaultJobOptions?: JobsOptions;
}
export declare class Queue<DataType = any, ResultType = any, NameType extends string = string> {
  constructor(name: string, opts?: QueueOptions);
  readonly name: string;
  add(name: NameType, data: DataType, opts?: JobsOptions): Promise<Job<DataType, ResultType, NameType>>;
  addBulk(jobs: { name: NameType; data: DataType; opts?: JobsOptions }[]): Promise<Job<DataType, ResultType, NameType>[]>;
  close(): Promise<void>;
}
export type Processor<DataType = any, ResultType = any, NameType extends string = string> = (
  job: Job<DataType, ResultType, NameType>,
  token?: string,
) => Promise<ResultType>;
export interface WorkerOptions {
  connection: ConnectionOptions;
  concurrency?: number;
  prefix?: string;
  autorun?: boolean;
}
export declare class Worker<DataType = any, ResultType = any, NameType extends string = string> {
  constructor(name: string, processor?: string | Processor<DataType, ResultType, NameType> | null, opts?: WorkerOptions);
  readonly name: string;
  on(event: 'completed' | 'failed' | 'error' | 'active', listener: (...args: any[]) => void): this;
  run(): Promise<void>;
  close(): Promise<void>;
}
`,
  'node_modules/@nestjs/common/package.json': pkg('@nestjs/common'),
  'node_modules/@nestjs/common/index.js': '',
  'node_modules/@nestjs/common/index.d.ts': `export interface Type<T = any> extends Function {
  new (...args: any[]): T;
}
export interface DynamicModule {
  module: Type;
  imports?: Array<Type | DynamicModule>;
  providers?: Type[];
  exports?: Type[];
  global?: boolean;
}
export interface ModuleMetadata {
  imports?: Array<Type | DynamicModule>;
  controllers?: Type[];
  providers?: Type[];
  exports?: Type[];
}
export declare function Module(metadata: ModuleMetadata): ClassDecorator;
export declare function Injectable(): ClassDecorator;
export declare function Inject(token?: string | symbol | Type): ParameterDecorator & PropertyDecorator;
export declare class Logger {
  constructor(context?: string);
  log(message: string): void;
  debug(message: string): void;
  warn(message: string): void;
  error(message: string, trace?: string): void;
}
export interface OnModuleInit {
  onModuleInit(): void | Promise<void>;
}
export interface OnApplicationShutdown {
  onApplicationShutdown(signal?: string): void | Promise<void>;
}
export interface INestApplication {
  listen(port: number | string): Promise<void>;
  enableShutdownHooks(): this;
  close(): Promise<void>;
}
`,
  'node_modules/@nestjs/core/package.json': pkg('@nestjs/core'),
  'node_modules/@nestjs/core/index.js': '',
  'node_modules/@nestjs/core/index.d.ts': `import type { INestApplication, Type } from '@nestjs/common';
export declare class NestFactory {
  static create(module: Type, options?: { bufferLogs?: boolean }): Promise<INestApplication>;
  static createApplicationContext(module: Type): Promise<INestApplication>;
}
`,
  'node_modules/@nestjs/bullmq/package.json': pkg('@nestjs/bullmq'),
  'node_modules/@nestjs/bullmq/index.js': '',
  'node_modules/@nestjs/bullmq/index.d.ts': `import type { DynamicModule } from '@nestjs/common';
import type { ConnectionOptions, Job, Worker } from 'bullmq';
export interface RegisterQueueOptions {
  name?: string;
  prefix?: string;
  connection?: ConnectionOptions;
}
export declare class BullModule {
  static forRoot(options: { connection: ConnectionOptions; prefix?: string }): DynamicModule;
  static registerQueue(...options: RegisterQueueOptions[]): DynamicModule;
}
export declare function Processor(queueName: string, workerOptions?: { concurrency?: number }): ClassDecorator;
export declare function InjectQueue(name?: string): ParameterDecorator;
export declare function OnWorkerEvent(event: 'completed' | 'failed' | 'active' | 'error'): MethodDecorator;
export declare abstract class WorkerHost<W extends Worker = Worker> {
  get worker(): W;
  abstract process(job: Job, token?: string): Promise<any>;
}
`,
  'node_modules/@types/node/package.json': `${JSON.stringify({ name: '@types/node', version: '0.0.0-bench-stub', types: 'index.d.ts' }, null, 2)}\n`,
  'node_modules/@types/node/index.d.ts': `declare var process: {
  env: Record<string, string | undefined>;
  exitCode?: number;
  once(event: 'SIGTERM' | 'SIGINT', listener: () => void): void;
};
declare var console: {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
declare function setTimeout(callback: (...args: unknown[]) => void, ms?: number): unknown;
`,
};
