// Context slots: every coarse-grained kernel (train.ts, convex.ts) keeps its inputs, pointers and
// outputs in a Float64Array of slots in linear memory, written by the host (layouts: layout.ts,
// convex-layout.ts). One set of accessors for all of them.

// @ts-ignore: decorator
@inline export function getF(ctx: usize, slot: i32): f64 { return load<f64>(ctx + (<usize>slot << 3)); }
// @ts-ignore: decorator
@inline export function getI(ctx: usize, slot: i32): i32 { return <i32>load<f64>(ctx + (<usize>slot << 3)); }
// @ts-ignore: decorator
@inline export function getP(ctx: usize, slot: i32): usize { return <usize>load<f64>(ctx + (<usize>slot << 3)); }
// @ts-ignore: decorator
@inline export function setF(ctx: usize, slot: i32, v: f64): void { store<f64>(ctx + (<usize>slot << 3), v); }
