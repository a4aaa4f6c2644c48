export * from "./enums";
export * from "./directory";
export * from "./config";
export * from "./tickets";
export * from "./articles";
export * from "./mail";
export * from "./admin";
export * from "./workspace";
