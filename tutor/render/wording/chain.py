"""Wording of the week-3 solvers (tutor.solvers.chain, tutor.solvers.backprop,
tutor.solvers.network): the total derivative over the paths of a dependency graph, the chain
rule in matrix form, and backpropagation through a small neural network.

Rule ids that only name a layout line (the given functions, the graph, a table) are here too, so
that every line has a sentence and a title."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # total derivative
    "chain_given": "the function and the substitutions",
    "chain_given_matrix": "f, and g, which gives each variable of f in the outer variables",
    "total_derivative": (
        "Multivariate chain rule: the derivative of {name} with respect to {var} is the sum,"
        " over every path from {name} to {var} in the dependency graph, of the product of the"
        " derivatives along the path"
    ),
    "chain_graph": "dependency graph: each variable points to the variables its expression uses",
    "chain_compose": "for reference: every intermediate variable put in",
    "chain_local_derivatives": "The derivative along each edge of the graph",
    "chain_edge": "the derivative of {of} with respect to {var}, along one edge of the graph",
    "chain_paths": "Each path contributes the product of the derivatives along it",
    "chain_path": "path {path}",
    "chain_sum": "add the contributions of the paths",
    "chain_no_path": "{variables} do not depend on {var}: no path goes through them",
    "chain_no_path_one": "{variables} does not depend on {var}: no path goes through it",
    "chain_unused": "the substitutions for {variables} are unused: {name} does not depend on them",
    "chain_unused_one": "the substitution for {variables} is unused: {name} does not depend on it",
    "chain_independent": "{name} does not depend on {var}: no path, so the derivative is 0",
    "chain_substitute_back": "put the intermediate variables back in terms of the final ones",
    "chain_put_in": "put in {substitutions}",
    "chain_simplify": "simplify",
    # matrix form
    "chain_matrix": (
        "Chain rule in matrix form: the Jacobian of h = f∘g is the product of the Jacobian of f,"
        " evaluated along g, and the Jacobian of g"
    ),
    "chain_matrix_shapes": "sizes: ({shape_f}) times ({shape_g}) gives {shape_h}",
    "chain_jacobian_f": "Jacobian of f with respect to {variables}",
    "chain_jacobian_g": "Jacobian of g with respect to {variables}",
    "chain_jacobian_along": "the Jacobian of f along g: put in the components of g",
    "chain_matrix_product": (
        "Multiply: entry (i, j) is row i of the first matrix times column j of the second"
    ),
    "chain_product_entry": "",
    "chain_matrix_simplify": "simplify each entry",
    # activation functions
    "activation_derivative": "The derivative of the activation function σ(z) = {expr}",
    "activation_textbook": "in terms of σ itself: {textbook}",
    "activation_identity": "in terms of σ itself, since {lhs} = {rhs}",
    # backpropagation, symbolic
    "backprop_symbolic": (
        "Backpropagation: the cost depends on a weight only through the chain of neurons after"
        " it, so its derivative is the product of the derivatives along that chain"
    ),
    "backprop_network": "the network, one neuron per layer, and the cost",
    "backprop_edges": "The derivative along each link of the chain",
    "backprop_activation_edge": "the derivative of σ found above",
    "backprop_error_term": (
        "the error of layer {layer}: the part of the chain its weight and bias share"
    ),
    "backprop_gradient": "the chain rule along the path from the cost C to {parameter}",
    "backprop_path": "chain rule along the path {path}",
    "backprop_vector_form": (
        "With several neurons per layer the same chain, entry by entry, gives the matrix"
        " formulas (⊙ multiplies entry by entry)"
    ),
    # backpropagation, numeric
    "backprop": "Backpropagation with numbers: a forward pass, then a backward pass",
    "backprop_values": "the activation function; layer sizes {sizes}, input first",
    "forward_pass": "Forward pass: layer by layer, z = W a + b, then a = σ(z)",
    "forward_table": "Forward pass ({precision})",
    "nn_pre_activation": "weighted input of layer {layer}",
    "nn_activation": "activation of layer {layer}",
    "nn_cost": "the cost: the sum of the squared errors of the output",
    "backward_pass": "Backward pass: the errors δ from the output layer back to the first",
    "backward_table": "Backward pass ({precision})",
    "nn_activation_slope": "σ'(z) of layer {layer}",
    "nn_output_error": "error of the output layer {layer}",
    "nn_hidden_error": "error of layer {layer}, sent back through the weights of layer {next}",
    "nn_weight_gradient": "gradient of the weights of layer {layer}",
    "nn_bias_gradient": "gradient of the biases of layer {layer}",
    "nn_precision": "values to {digits} significant digits",
    "nn_exact": "exact values",
}

TITLES: dict[str, str] = {
    "chain_given": "Given",
    "chain_given_matrix": "Given",
    "total_derivative": "Total derivative",
    "chain_graph": "Dependency graph",
    "chain_compose": "Composition",
    "chain_local_derivatives": "Derivatives along the edges",
    "chain_edge": "Edge derivative",
    "chain_paths": "Paths",
    "chain_path": "Path product",
    "chain_sum": "Sum over the paths",
    "chain_no_path": "No path",
    "chain_no_path_one": "No path",
    "chain_unused": "Unused substitutions",
    "chain_unused_one": "Unused substitution",
    "chain_independent": "Independent",
    "chain_substitute_back": "Substitute back",
    "chain_put_in": "Substitute",
    "chain_simplify": "Simplify",
    "chain_matrix": "Chain rule in matrix form",
    "chain_matrix_shapes": "Sizes",
    "chain_jacobian_f": "Jacobian of f",
    "chain_jacobian_g": "Jacobian of g",
    "chain_jacobian_along": "Jacobian of f along g",
    "chain_matrix_product": "Matrix product",
    "chain_product_entry": "Product entry",
    "chain_matrix_simplify": "Simplify",
    "activation_derivative": "Derivative of the activation",
    "activation_textbook": "Textbook form",
    "activation_identity": "Textbook form",
    "backprop_symbolic": "Backpropagation",
    "backprop_network": "Network",
    "backprop_edges": "Local derivatives",
    "backprop_activation_edge": "Activation derivative",
    "backprop_error_term": "Error term",
    "backprop_gradient": "Gradient of the cost",
    "backprop_path": "Path",
    "backprop_vector_form": "Matrix formulas",
    "backprop": "Backpropagation",
    "backprop_values": "Values",
    "forward_pass": "Forward pass",
    "forward_table": "Forward pass table",
    "nn_pre_activation": "Weighted input",
    "nn_activation": "Activation",
    "nn_cost": "Cost",
    "backward_pass": "Backward pass",
    "backward_table": "Backward pass table",
    "nn_activation_slope": "Slope of the activation",
    "nn_output_error": "Output error",
    "nn_hidden_error": "Hidden error",
    "nn_weight_gradient": "Weight gradient",
    "nn_bias_gradient": "Bias gradient",
    "nn_precision": "Precision",
    "nn_exact": "Precision",
}
