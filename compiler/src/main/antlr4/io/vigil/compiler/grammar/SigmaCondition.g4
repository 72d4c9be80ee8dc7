/*
 * The condition expression of a Sigma rule's detection:
 *
 *   selection and not 1 of filter_* or all of them
 *
 * `not` binds tightest, then `and`, then `or`. `1 of`, `any of` and `all of` take a detection
 * name, a name pattern with `*`, or `them` (every detection whose name does not start with `_`).
 * Keywords are lower case, as in pySigma. The deprecated aggregation suffix (`| count() > 5`) is
 * recognised only to be reported as unsupported.
 */
grammar SigmaCondition;

sigmaCondition
    : expression aggregation? EOF
    ;

expression
    : orExpression
    ;

orExpression
    : andExpression (OR andExpression)*
    ;

andExpression
    : notExpression (AND notExpression)*
    ;

notExpression
    : NOT notExpression                                         # notTerm
    | primary                                                   # primaryTerm
    ;

primary
    : LPAREN expression RPAREN                                  # parenthesized
    | quantifier OF target                                      # selector
    | IDENTIFIER                                                # identifier
    ;

quantifier
    : ONE | ANY | ALL
    ;

target
    : THEM                                                      # them
    | name=(IDENTIFIER | PATTERN)                               # namePattern
    ;

aggregation
    : PIPE (~EOF)*
    ;

AND: 'and';
OR: 'or';
NOT: 'not';
OF: 'of';
THEM: 'them';
ONE: '1';
ANY: 'any';
ALL: 'all';
LPAREN: '(';
RPAREN: ')';
PIPE: '|';

IDENTIFIER
    : [A-Za-z0-9_\-.]+
    ;

PATTERN
    : [A-Za-z0-9_\-.*]+
    ;

WS
    : [ \t\r\n\f]+ -> channel(HIDDEN)
    ;

// anything else is reported as a syntax error instead of being skipped
UNRECOGNIZED
    : .
    ;
