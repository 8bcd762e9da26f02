// The row types of the init-scale experiment (its report and figures share them).
import type { VerdictColumns } from "../shared/train-polish.js";

/** One run: the trained network as GD left it (the headline), its polished cone optimum beside it. */
export interface InitScaleRow extends VerdictColumns {
  alpha: number;
  loss: number;
  dataLoss: number;
  normSq: number;
  gradNormSq: number;
  epochs: number;
  stopReason: string;
  /** With `redraw`: the run's data seed and its global optimum P*. */
  dataSeed?: number;
  globalValue?: number;
  /** Relative least-norm subgradient ‖g‖·‖θ‖/L of the trained network. */
  stationarityTrained: number;
  /** L − P* of the trained network. */
  gapTrained: number;
  /** ‖θ_trained − θ_polished‖ with neurons matched (relativeDistance: relative to ‖θ_trained‖). */
  distance: number;
  directionsPositive: number;
  directionsNegative: number;
  effectiveRank: number;
  rep: number;
  seed: number;
}

export interface InitScaleSummaryRow {
  alpha: number;
  runs: number;
  /** Fraction of runs whose polished network is certified global. */
  fracGlobal: number;
  /** Median and largest L − P* of the polished network. */
  medianGap: number;
  maxGap: number;
  meanDirectionsPositive: number;
  meanDirectionsNegative: number;
  meanEffectiveRank: number;
  /** The trained networks' verdicts (as GD left them): fractions, and the median certified relative gap. */
  fracGlobalTrained: number;
  fracSpuriousTrained: number;
  fracSaddleTrained: number;
  fracNotStationaryTrained: number;
  fracUndeterminedTrained: number;
  medianRelativeGapTrained: number;
  /** The polished networks' other verdicts, and their median certified relative gap. */
  fracSpurious: number;
  fracSaddle: number;
  fracNotStationary: number;
  fracUndetermined: number;
  medianRelativeGap: number;
  /** Fraction of polished networks certified spurious local minima at the minimal width (the research's convention). */
  fracSpuriousMinimal: number;
  /** Median relative distance trained → polished. */
  medianRelativeDistance: number;
}

/** A run's trained network, for the neuron figure. */
export interface InitScaleNetwork {
  alpha: number;
  rep: number;
  /** The polished network's verdict, and the trained network's. */
  verdict: string;
  verdictTrained: string;
  /** With `redraw`: the run's data seed. */
  dataSeed?: number;
  W: number[][];
  a: number[];
}
