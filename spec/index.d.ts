export declare const SPEC_PATH: string;
