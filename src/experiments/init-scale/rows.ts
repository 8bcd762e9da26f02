// The row types of the init-scale experiment (its report and figures share them).


export interface InitScaleRow {
  alpha: number;
  loss: number;
  dataLoss: number;
  normSq: number;
  gradNormSq: number;
  epochs: number;
  stopReason: string;
  polishedLoss: number;
  gapTrained: number;
  gap: number;
  verdict: string;
  directionsPositive: number;
  directionsNegative: number;
  effectiveRank: number;
  rep: number;
  seed: number;
}

export interface InitScaleSummaryRow {
  alpha: number;
  runs: number;
  fracGlobal: number;
  medianGap: number;
  maxGap: number;
  meanDirectionsPositive: number;
  meanDirectionsNegative: number;
  meanEffectiveRank: number;
}

/** A run's trained network, for the neuron figure. */
export interface InitScaleNetwork {
  alpha: number;
  rep: number;
  verdict: string;
  W: number[][];
  a: number[];
}
